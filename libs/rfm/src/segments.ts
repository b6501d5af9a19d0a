import { z } from 'zod';
import type { RfmScores } from './rfm-scores';

/** The classic RFM segments; a profile with r/f/m scores is in exactly one. */
export const CLASSIC_SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential Loyalists',
  'New',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'At Risk',
  "Can't Lose",
  'Hibernating',
  'Lost',
] as const;
export const ClassicSegment = z.enum(CLASSIC_SEGMENTS);
export type ClassicSegment = z.infer<typeof ClassicSegment>;

/**
 * The classic map, by r and fm = ⌈(f + m) / 2⌉ (the average of f and m, rounded up).
 *
 * Adapted from Putler's RFM segment table (R against the average of F and M; e.g. Champions
 * R 4–5 / FM 4–5, Loyal R 2–5 / FM 3–5, At Risk R ≤ 2 / FM 2–5, Can't Lose R ≤ 1 / FM 4–5),
 * https://www.putler.com/rfm-analysis/, also published as the segment intervals of the CRAN
 * `rfm` package (https://cran.r-project.org/package=rfm, `rfm_segment`). That table's ranges
 * overlap and leave cells uncovered (evaluated in order, New and Can't Lose are unreachable and
 * some profiles land in "Others"); this grid gives every (r, fm) cell exactly one segment,
 * keeping each segment where its published ranges put it:
 *
 *           fm = 1           2                     3                 4             5
 *   r = 5   New              Potential Loyalists   Loyal             Champions     Champions
 *   r = 4   Promising        Potential Loyalists   Loyal             Champions     Champions
 *   r = 3   About to Sleep   Need Attention        Need Attention    Loyal         Loyal
 *   r = 2   Hibernating      Hibernating           At Risk           At Risk       Can't Lose
 *   r = 1   Lost             Lost                  At Risk           Can't Lose    Can't Lose
 */
const CLASSIC_GRID: Readonly<Record<number, readonly ClassicSegment[]>> = {
  5: ['New', 'Potential Loyalists', 'Loyal', 'Champions', 'Champions'],
  4: ['Promising', 'Potential Loyalists', 'Loyal', 'Champions', 'Champions'],
  3: ['About to Sleep', 'Need Attention', 'Need Attention', 'Loyal', 'Loyal'],
  2: ['Hibernating', 'Hibernating', 'At Risk', 'At Risk', "Can't Lose"],
  1: ['Lost', 'Lost', 'At Risk', "Can't Lose", "Can't Lose"],
};

/** The average of f and m rounded up: 1..5. */
export function fmScoreOf(scores: Pick<RfmScores, 'f' | 'm'>): number {
  return Math.ceil((scores.f + scores.m) / 2);
}

export function classicSegmentOf(scores: RfmScores): ClassicSegment {
  const segment = CLASSIC_GRID[scores.r]?.[fmScoreOf(scores) - 1];
  if (segment === undefined) {
    throw new RangeError(`scores: r, f and m are integers 1..5, not ${JSON.stringify(scores)}`);
  }
  return segment;
}

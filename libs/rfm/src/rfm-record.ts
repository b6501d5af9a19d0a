import { z } from 'zod';
import { activityWindowsOf } from './activity-windows';
import type { CustomerFacts } from './customer-facts';
import { epochMsOf, type Instant } from './instant';
import { populationMemberOf, type PopulationSketches } from './population-sketches';
import {
  RfmScore,
  scoresFromCuts,
  scoresFromSketches,
  type PopulationCuts,
  type RfmScores,
} from './rfm-scores';
import { DEFAULT_RFM_SETTINGS, type RfmSettings } from './rfm-settings';
import { rfmValuesOf } from './rfm-values';
import { classicSegmentOf, ClassicSegment } from './segments';
import { Trend, TrendSegment, trendOf, trendSegmentsOf } from './trend-segments';

/**
 * `scores.rfm` on the golden record, exactly these fields. r, f, m and segment are null for a
 * profile without a completed order (it is not in the scored population); trend is null when
 * the two windows hold too little activity.
 */
export const GoldenRecordRfm = z.strictObject({
  recencyDays: z.number().int().min(0).nullable(),
  frequency: z.number().int().min(0),
  monetary: z.number().finite(),
  r: RfmScore.nullable(),
  f: RfmScore.nullable(),
  m: RfmScore.nullable(),
  segment: ClassicSegment.nullable(),
  trend: Trend.nullable(),
});
export type GoldenRecordRfm = z.infer<typeof GoldenRecordRfm>;

/** The golden record's fields plus the trend segments the profile is in. */
export const RfmRecord = GoldenRecordRfm.extend({ trendSegments: z.array(TrendSegment) });
export type RfmRecord = z.infer<typeof RfmRecord>;

/** What scores a profile: the workspace's sketches, or cut points computed once from them. */
export type RfmPopulation = PopulationSketches | PopulationCuts;

export function rfmRecordOf(
  facts: CustomerFacts,
  asOf: Instant,
  population: RfmPopulation,
  settings: RfmSettings = DEFAULT_RFM_SETTINGS,
): RfmRecord {
  return rfmRecordFromScores(facts, asOf, scoresOf(facts, population), settings);
}

/** The same record from scores computed elsewhere (the exact recomputation job). */
export function rfmRecordFromScores(
  facts: CustomerFacts,
  asOf: Instant,
  scores: RfmScores | null,
  settings: RfmSettings = DEFAULT_RFM_SETTINGS,
): RfmRecord {
  const now = epochMsOf(asOf, 'asOf');
  const values = rfmValuesOf(facts, now);
  const windows = activityWindowsOf(facts, now, settings);
  return {
    recencyDays: values.recencyDays,
    frequency: values.frequency,
    monetary: values.monetary,
    r: scores?.r ?? null,
    f: scores?.f ?? null,
    m: scores?.m ?? null,
    segment: scores ? classicSegmentOf(scores) : null,
    trend: trendOf(windows, settings),
    trendSegments: trendSegmentsOf(facts, now, scores, settings),
  };
}

/** `scores.rfm` from a record: the record without its trend segments. */
export function goldenRecordRfmOf(record: RfmRecord): GoldenRecordRfm {
  const { recencyDays, frequency, monetary, r, f, m, segment, trend } = record;
  return { recencyDays, frequency, monetary, r, f, m, segment, trend };
}

/** Every segment the profile is in (its classic one, then its trend ones), for entered/exited. */
export function segmentsOf(
  facts: CustomerFacts,
  asOf: Instant,
  population: RfmPopulation,
  settings: RfmSettings = DEFAULT_RFM_SETTINGS,
): string[] {
  return segmentsOfRecord(rfmRecordOf(facts, asOf, population, settings));
}

export function segmentsOfRecord(record: RfmRecord): string[] {
  return [...(record.segment ? [record.segment] : []), ...record.trendSegments];
}

/** The segments entered and exited between two memberships (ProfileScoresUpdatedV1.segments). */
export function segmentChanges(
  before: readonly string[],
  after: readonly string[],
): { entered: string[]; exited: string[] } {
  return {
    entered: after.filter((segment) => !before.includes(segment)),
    exited: before.filter((segment) => !after.includes(segment)),
  };
}

function scoresOf(facts: CustomerFacts, population: RfmPopulation): RfmScores | null {
  const member = populationMemberOf(facts);
  if (member === null) return null;
  return 'size' in population
    ? scoresFromCuts(member, population)
    : scoresFromSketches(member, population);
}

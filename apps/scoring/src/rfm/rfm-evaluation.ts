import { sameRfmScore } from '@meridian/contracts';
import {
  ClassicSegment,
  goldenRecordRfmOf,
  rfmRecordOf,
  segmentChanges,
  segmentsOfRecord,
  type CustomerFacts,
  type GoldenRecordRfm,
  type RfmPopulation,
  type RfmRecord,
  type RfmSettings,
} from '@meridian/rfm';

/** What the golden record shows before scoring ever wrote an RFM: nothing bought, no score. */
export const EMPTY_RFM: GoldenRecordRfm = {
  recencyDays: null,
  frequency: 0,
  monetary: 0,
  r: null,
  f: null,
  m: null,
  segment: null,
  trend: null,
};

/** What was last written for the profile: the golden record's RFM and its segments. */
export interface WrittenRfm {
  readonly record: GoldenRecordRfm | null;
  readonly segments: readonly string[];
}

/** A profile's RFM at an instant, and how it differs from what was last written. */
export interface RfmEvaluation {
  readonly record: RfmRecord;
  /** `scores.rfm` on the golden record. */
  readonly rfm: GoldenRecordRfm;
  /** Every segment the profile is in: its classic one, then its trend ones. */
  readonly segments: string[];
  readonly entered: string[];
  readonly exited: string[];
  /** Whether `rfm` differs from the one last written (none written counts as EMPTY_RFM). */
  readonly rfmChanged: boolean;
}

export function evaluateRfm(
  facts: CustomerFacts,
  asOf: number,
  population: RfmPopulation,
  settings: RfmSettings,
  written: WrittenRfm,
): RfmEvaluation {
  const record = rfmRecordOf(facts, asOf, population, settings);
  const rfm = goldenRecordRfmOf(record);
  const segments = segmentsOfRecord(record);
  const { entered, exited } = segmentChanges(written.segments, segments);
  return {
    record,
    rfm,
    segments,
    entered,
    exited,
    rfmChanged: !sameRfmScore(written.record ?? EMPTY_RFM, rfm),
  };
}

/** Whether anything is to be published: the RFM or a segment membership changed. */
export function hasChanges(evaluation: RfmEvaluation): boolean {
  return evaluation.rfmChanged || evaluation.entered.length > 0 || evaluation.exited.length > 0;
}

/** Classic RFM segments are of kind 'rfm', the trend segments (Zombies, …) of kind 'trend'. */
export function segmentKindOf(segment: string): 'rfm' | 'trend' {
  return ClassicSegment.safeParse(segment).success ? 'rfm' : 'trend';
}

import { RfmScore } from '@meridian/contracts';
import { z } from 'zod';

/** A score scoring wrote on the golden record: its latest value and when it was computed. */
export const ScoreEntry = z.object({
  name: z.string().min(1),
  value: z.number(),
  /** When scoring computed the value, UTC. */
  at: z.string().min(1),
});
export type ScoreEntry = z.infer<typeof ScoreEntry>;

/** The profile's RFM as scoring last computed it (`scores.rfm` on the golden record), and when. */
export const StoredRfm = RfmScore.extend({ at: z.string().min(1) });
export type StoredRfm = z.infer<typeof StoredRfm>;

/** The golden record's scores: the RFM and every named score. */
export interface GoldenScores {
  readonly rfm: StoredRfm | null;
  readonly values: readonly ScoreEntry[];
}

/** A segment the profile is in, as scoring decided, since when. */
export const SegmentMembership = z.object({
  name: z.string().min(1),
  enteredAt: z.string().min(1),
});
export type SegmentMembership = z.infer<typeof SegmentMembership>;

import { z } from 'zod';

const Score = z.number().int().min(1).max(5);

/**
 * A profile's RFM as scoring computes it and the golden record shows it (`scores.rfm`):
 * recency in whole days from the last Order Completed to the workspace clock, frequency as
 * distinct completed orders, monetary as completed minus refunded revenue, r/f/m 1-5 by
 * quintile of the workspace's population, the classic segment and the trend. Null scores,
 * segment and recency for a profile without a completed order.
 */
export const RfmScore = z.object({
  recencyDays: z.number().int().min(0).nullable(),
  frequency: z.number().int().min(0),
  monetary: z.number().finite(),
  r: Score.nullable(),
  f: Score.nullable(),
  m: Score.nullable(),
  segment: z.string().min(1).max(64).nullable(),
  trend: z.enum(['accelerating', 'decelerating', 'steady']).nullable(),
});
export type RfmScore = z.infer<typeof RfmScore>;

/** Whether two RFMs hold the same values (what decides whether a new one is worth sending). */
export function sameRfmScore(a: RfmScore, b: RfmScore): boolean {
  return (
    a.recencyDays === b.recencyDays &&
    a.frequency === b.frequency &&
    a.monetary === b.monetary &&
    a.r === b.r &&
    a.f === b.f &&
    a.m === b.m &&
    a.segment === b.segment &&
    a.trend === b.trend
  );
}

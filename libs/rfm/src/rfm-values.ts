import { z } from 'zod';
import type { CustomerFacts } from './customer-facts';
import { EpochMs, epochMsOf, wholeDaysBetween, type Instant } from './instant';

/**
 * The raw RFM values of one profile as of an instant:
 * - recencyDays = floor((asOf − lastOrderAt) / 86,400,000 ms), 0 when the last order is after
 *   asOf (clock skew), null when the profile has no completed order;
 * - frequency = number of distinct orderIds of Order Completed;
 * - monetary = Σ revenue of Order Completed − Σ revenue of Order Refunded, summed in integer
 *   cents and given as a number with 2 decimals (it can be ≤ 0).
 */
export const RfmValues = z.object({
  lastOrderAt: EpochMs.nullable(),
  recencyDays: z.number().int().min(0).nullable(),
  frequency: z.number().int().min(0),
  monetary: z.number(),
});
export type RfmValues = z.infer<typeof RfmValues>;

export function rfmValuesOf(facts: CustomerFacts, asOf: Instant): RfmValues {
  const now = epochMsOf(asOf, 'asOf');
  const { lastOrderAt } = facts;
  return {
    lastOrderAt,
    recencyDays: lastOrderAt === null ? null : wholeDaysBetween(lastOrderAt, now),
    frequency: facts.orderIds.length,
    monetary: monetaryOf(facts),
  };
}

/** Net revenue in currency units, exact to the cent: integer cents divided by 100 once. */
export function monetaryOf(facts: CustomerFacts): number {
  return (facts.completedCents - facts.refundedCents) / 100 || 0;
}

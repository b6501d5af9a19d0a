import { z } from 'zod';
import type { CustomerFacts } from './customer-facts';
import { DAY_MS, EpochMs } from './instant';
import {
  bucketKeyOf,
  DEFAULT_RELATIVE_ACCURACY,
  emptySketch,
  QuantileSketch,
  sketchAdd,
  sketchRemove,
  type LinearMapping,
} from './quantile-sketch';
import { monetaryOf } from './rfm-values';

/**
 * What a profile contributes to its workspace's population: the values scored by quintile.
 * Only profiles with a completed order are members. lastOrderAt rather than recencyDays, so the
 * sketches do not go stale as the clock moves (a later last order is more recent: higher r).
 */
export const RfmPopulationMember = z.object({
  lastOrderAt: EpochMs,
  frequency: z.number().int().min(1),
  monetary: z.number().finite(),
});
export type RfmPopulationMember = z.infer<typeof RfmPopulationMember>;

/** One sketch per scored dimension of a workspace's population. */
export const PopulationSketches = z.object({
  lastOrderAt: QuantileSketch,
  frequency: QuantileSketch,
  monetary: QuantileSketch,
});
export type PopulationSketches = z.infer<typeof PopulationSketches>;

export type RfmDimension = keyof PopulationSketches;
export const RFM_DIMENSIONS: readonly RfmDimension[] = ['lastOrderAt', 'frequency', 'monetary'];

/** r ranks the UTC day of the last order: the sketch and the exact job agree on it exactly. */
export const LAST_ORDER_DAY_MAPPING: LinearMapping = { kind: 'linear', bucketWidth: DAY_MS };

export function emptyPopulationSketches(
  relativeAccuracy = DEFAULT_RELATIVE_ACCURACY,
): PopulationSketches {
  const logarithmic = { kind: 'logarithmic', relativeAccuracy } as const;
  return {
    lastOrderAt: emptySketch(LAST_ORDER_DAY_MAPPING),
    frequency: emptySketch(logarithmic),
    monetary: emptySketch(logarithmic),
  };
}

/** The profile's population values, or null when it has no completed order (not a member). */
export function populationMemberOf(facts: CustomerFacts): RfmPopulationMember | null {
  if (facts.lastOrderAt === null || facts.orderIds.length === 0) return null;
  return {
    lastOrderAt: facts.lastOrderAt,
    frequency: facts.orderIds.length,
    monetary: monetaryOf(facts),
  };
}

/**
 * The sketches after a profile's values changed from `before` to `after` (either null when the
 * profile is not a member then): the old values leave, the new ones enter.
 */
export function updatePopulation(
  sketches: PopulationSketches,
  before: RfmPopulationMember | null,
  after: RfmPopulationMember | null,
): PopulationSketches {
  const next = { ...sketches };
  for (const dimension of RFM_DIMENSIONS) {
    let sketch = next[dimension];
    if (before) sketch = sketchRemove(sketch, before[dimension]);
    if (after) sketch = sketchAdd(sketch, after[dimension]);
    next[dimension] = sketch;
  }
  return next;
}

/**
 * The same change as `updatePopulation`, as MongoDB `$inc` increments relative to the
 * PopulationSketches document ("frequency.buckets.3": -1, "frequency.count": 1, ...), so
 * concurrent writers update the workspace's sketches atomically. Zero increments are left out.
 */
export function populationIncrements(
  sketches: PopulationSketches,
  before: RfmPopulationMember | null,
  after: RfmPopulationMember | null,
): Record<string, number> {
  const increments: Record<string, number> = {};
  const add = (path: string, delta: number) => {
    const total = (increments[path] ?? 0) + delta;
    if (total === 0) delete increments[path];
    else increments[path] = total;
  };
  for (const dimension of RFM_DIMENSIONS) {
    const { mapping } = sketches[dimension];
    if (before) {
      add(`${dimension}.buckets.${bucketKeyOf(mapping, before[dimension])}`, -1);
      add(`${dimension}.count`, -1);
    }
    if (after) {
      add(`${dimension}.buckets.${bucketKeyOf(mapping, after[dimension])}`, 1);
      add(`${dimension}.count`, 1);
    }
  }
  return increments;
}

import {
  emptyCustomerFacts,
  emptyPopulationSketches,
  populationIncrements,
  populationMemberOf,
  QuantileSketch,
  RFM_DIMENSIONS,
  sketchAddAll,
  sketchMerge,
  SketchMapping,
  type CustomerFacts,
  type PopulationSketches,
  type RfmPopulationMember,
} from '@meridian/rfm';
import { z } from 'zod';

/** The sketches every population starts from; their mappings decide every bucket key. */
export const EMPTY_SKETCHES: PopulationSketches = emptyPopulationSketches();

/**
 * A sketch as stored. Increments are applied with `$inc` after the profile is saved; a crash in
 * between loses one, and a later removal of that profile's value can then take its bucket
 * below zero. Such a bucket is read as empty and `count` recomputed, so the sketch stays valid
 * until the next sweep rebuilds it exactly.
 */
const StoredSketch = z
  .object({
    mapping: SketchMapping,
    count: z.number(),
    buckets: z.record(z.string(), z.number()),
  })
  .transform((stored): QuantileSketch => {
    const buckets = Object.fromEntries(
      Object.entries(stored.buckets).filter(([, count]) => count > 0),
    );
    const count = Object.values(buckets).reduce((sum, held) => sum + held, 0);
    return QuantileSketch.parse({ mapping: stored.mapping, count, buckets });
  });

export const StoredPopulationSketches = z.object({
  lastOrderAt: StoredSketch,
  frequency: StoredSketch,
  monetary: StoredSketch,
});

/** The `$inc` of a profile's move in its partition's sketches (empty when it did not move). */
export function memberIncrements(
  before: CustomerFacts,
  after: CustomerFacts,
): Record<string, number> {
  return populationIncrements(
    EMPTY_SKETCHES,
    populationMemberOf(before),
    populationMemberOf(after),
  );
}

/**
 * The `$inc` that takes an erased profile out of its partition's sketches: a move from its
 * facts to no member. Exact, since a bucket holds a count: the member's values leave the
 * buckets they entered (empty for a profile that never completed an order).
 */
export function memberRemoval(facts: CustomerFacts): Record<string, number> {
  return memberIncrements(facts, emptyCustomerFacts());
}

/** The workspace's sketches: the union of its partitions'. */
export function mergedSketches(partitions: readonly PopulationSketches[]): PopulationSketches {
  return partitions.reduce(
    (merged, sketches) => ({
      lastOrderAt: sketchMerge(merged.lastOrderAt, sketches.lastOrderAt),
      frequency: sketchMerge(merged.frequency, sketches.frequency),
      monetary: sketchMerge(merged.monetary, sketches.monetary),
    }),
    EMPTY_SKETCHES,
  );
}

/** Sketches holding exactly these members: what a sweep writes for its partition. */
export function sketchesOfMembers(members: readonly RfmPopulationMember[]): PopulationSketches {
  const sketches = { ...EMPTY_SKETCHES };
  for (const dimension of RFM_DIMENSIONS) {
    sketches[dimension] = sketchAddAll(
      EMPTY_SKETCHES[dimension],
      members.map((member) => member[dimension]),
    );
  }
  return sketches;
}

/** The population members among profiles' facts (those with a completed order). */
export function membersOf(facts: Iterable<CustomerFacts>): RfmPopulationMember[] {
  const members: RfmPopulationMember[] = [];
  for (const profileFacts of facts) {
    const member = populationMemberOf(profileFacts);
    if (member !== null) members.push(member);
  }
  return members;
}

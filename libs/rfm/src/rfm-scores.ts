import { z } from 'zod';
import {
  LAST_ORDER_DAY_MAPPING,
  type PopulationSketches,
  type RfmDimension,
  type RfmPopulationMember,
} from './population-sketches';
import {
  bucketKeyOf,
  bucketValueOf,
  SketchMapping,
  sketchKeysAtRanks,
  type QuantileSketch,
} from './quantile-sketch';

/**
 * Scores 1..5 by quintile of the workspace's population. With cut(q) the nearest-rank
 * q-quantile (the value of rank ⌈q·n⌉ in ascending order):
 *
 *   score = 1 + #{k ∈ 1..4 : value > cut(k/5)}
 *
 * Ties share a score (a value equal to a cut point is not above it), so quintiles can be
 * uneven: if 40 % of the customers have 1 order, they all get f = 1 and no one gets f = 2.
 * r ranks lastOrderAt by UTC day (a later day is more recent, hence a higher r: recency
 * inverted); f ranks frequency and m ranks monetary.
 *
 * Incrementally, values are compared by sketch bucket (value's bucket above the cut's bucket):
 * a value in the same bucket as a cut point — within the relative accuracy of it — counts as
 * tied with it. The exact recomputation compares the values themselves (r by UTC day as well).
 */
export const RfmScore = z.number().int().min(1).max(5);
export type RfmScore = z.infer<typeof RfmScore>;

export const RfmScores = z.object({ r: RfmScore, f: RfmScore, m: RfmScore });
export type RfmScores = z.infer<typeof RfmScores>;

/** How values are compared with the cut points: by sketch bucket, or as they are ('exact'). */
export const CutMapping = z.union([SketchMapping, z.object({ kind: z.literal('exact') })]);
export type CutMapping = z.infer<typeof CutMapping>;

/** The four cut points of one dimension (none for an empty population). */
export const DimensionCuts = z.object({
  mapping: CutMapping,
  /** Bucket keys (or exact values) of cut(1/5) .. cut(4/5): what scoring compares with. */
  keys: z.array(z.number()).max(4),
  /** The cut points as values, for display (a bucket's value when sketched). */
  values: z.array(z.number()).max(4),
});
export type DimensionCuts = z.infer<typeof DimensionCuts>;

/** The quintile cut points of a population: computed once, then used to score every profile. */
export const PopulationCuts = z.object({
  size: z.number().int().min(0),
  lastOrderAt: DimensionCuts,
  frequency: DimensionCuts,
  monetary: DimensionCuts,
});
export type PopulationCuts = z.infer<typeof PopulationCuts>;

/** 1-based ranks of cut(1/5) .. cut(4/5) in a population of n: ⌈k·n/5⌉, exact in integers. */
export function quintileRanks(n: number): number[] {
  return n === 0 ? [] : [1, 2, 3, 4].map((k) => Math.ceil((k * n) / 5));
}

/** The incremental path's cut points: one walk over each sketch. */
export function populationCutsOf(sketches: PopulationSketches): PopulationCuts {
  const cutsOf = (sketch: QuantileSketch): DimensionCuts => {
    const keys = sketchKeysAtRanks(sketch, quintileRanks(sketch.count));
    return {
      mapping: sketch.mapping,
      keys,
      values: keys.map((key) => bucketValueOf(sketch.mapping, key)),
    };
  };
  return {
    size: sketches.frequency.count,
    lastOrderAt: cutsOf(sketches.lastOrderAt),
    frequency: cutsOf(sketches.frequency),
    monetary: cutsOf(sketches.monetary),
  };
}

/** The exact recomputation's cut points, from the sorted values of the whole population. */
export function exactCutsOf(population: readonly RfmPopulationMember[]): PopulationCuts {
  const ranks = quintileRanks(population.length);
  const cutsOf = (dimension: RfmDimension, mapping: CutMapping): DimensionCuts => {
    const sorted = population
      .map((member) => keyOf(mapping, member[dimension]))
      .sort((a, b) => a - b);
    const keys = ranks.map((rank) => {
      const key = sorted[rank - 1];
      if (key === undefined) throw new RangeError(`rank ${rank} is outside ${sorted.length}`);
      return key;
    });
    return { mapping, keys, values: keys.map((key) => valueOf(mapping, key)) };
  };
  return {
    size: population.length,
    lastOrderAt: cutsOf('lastOrderAt', LAST_ORDER_DAY_MAPPING),
    frequency: cutsOf('frequency', { kind: 'exact' }),
    monetary: cutsOf('monetary', { kind: 'exact' }),
  };
}

/** score = 1 + the number of cut points the member's value (key) is above, per dimension. */
export function scoresFromCuts(member: RfmPopulationMember, cuts: PopulationCuts): RfmScores {
  const scoreOf = (dimension: RfmDimension) => {
    const { mapping, keys } = cuts[dimension];
    const key = keyOf(mapping, member[dimension]);
    return 1 + keys.filter((cut) => key > cut).length;
  };
  return { r: scoreOf('lastOrderAt'), f: scoreOf('frequency'), m: scoreOf('monetary') };
}

/** The incremental scores: the member against the workspace's sketches. */
export function scoresFromSketches(
  member: RfmPopulationMember,
  sketches: PopulationSketches,
): RfmScores {
  return scoresFromCuts(member, populationCutsOf(sketches));
}

/** The exact recomputation job's core: every member's scores, in the population's order. */
export function exactScores(population: readonly RfmPopulationMember[]): RfmScores[] {
  const cuts = exactCutsOf(population);
  return population.map((member) => scoresFromCuts(member, cuts));
}

function keyOf(mapping: CutMapping, value: number): number {
  return mapping.kind === 'exact' ? value : bucketKeyOf(mapping, value);
}

function valueOf(mapping: CutMapping, key: number): number {
  return mapping.kind === 'exact' ? key : bucketValueOf(mapping, key);
}

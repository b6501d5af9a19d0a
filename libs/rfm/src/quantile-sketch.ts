import { z } from 'zod';

/**
 * A mergeable quantile sketch in the style of DDSketch (Masson, Rim & Lee, VLDB 2019): values
 * fall into buckets whose key is an integer monotone in the value, and a quantile is the
 * bucket where the cumulative count reaches its rank. Unlike a sampling sketch it supports
 * REMOVE exactly (a profile's old value leaves when its value changes), which is why RFM uses it.
 *
 * Two mappings from value to bucket key:
 * - logarithmic (DDSketch): bucket i holds (γ^(i−1), γ^i] with γ = (1+α)/(1−α); its
 *   representative 2γ^i/(γ+1) is within the relative accuracy α of every value in it. Negative
 *   values mirror positive ones; |v| < 1e-9 falls in the zero bucket (key 0).
 * - linear: bucket k holds [k·w, (k+1)·w). For instants a relative error is useless (1 % of
 *   2011 in epoch ms is 150 days), so lastOrderAt is sketched by UTC day (w = 86,400,000).
 *
 * The state is plain JSON: `buckets` maps the key, as a string ("-3", "0", "17"), to a count.
 * An object rather than parallel arrays so concurrent writers can `$inc` one bucket and `count`
 * atomically in MongoDB (the keys hold no dot and no `$`); a count left at 0 is allowed.
 */

export const LogarithmicMapping = z.object({
  kind: z.literal('logarithmic'),
  relativeAccuracy: z.number().gt(0).lt(1),
});
export type LogarithmicMapping = z.infer<typeof LogarithmicMapping>;

export const LinearMapping = z.object({
  kind: z.literal('linear'),
  bucketWidth: z.number().positive().finite(),
});
export type LinearMapping = z.infer<typeof LinearMapping>;

export const SketchMapping = z.discriminatedUnion('kind', [LogarithmicMapping, LinearMapping]);
export type SketchMapping = z.infer<typeof SketchMapping>;

const BucketKey = z.string().regex(/^(0|-?[1-9]\d*)$/, 'an integer bucket key');

export const QuantileSketch = z
  .object({
    mapping: SketchMapping,
    /** Number of values in the sketch: Σ of the bucket counts. */
    count: z.number().int().min(0),
    buckets: z.record(BucketKey, z.number().int().min(0)),
  })
  .superRefine((sketch, ctx) => {
    const total = Object.values(sketch.buckets).reduce((sum, count) => sum + count, 0);
    if (total !== sketch.count) {
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: `count ${sketch.count} is not the sum of the bucket counts (${total})`,
      });
    }
  });
export type QuantileSketch = z.infer<typeof QuantileSketch>;

/** The default relative accuracy of the logarithmic sketches: 1 %. */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;

/** |v| below this is sketched as zero (money has cents; counts are integers). */
const MIN_INDEXABLE = 1e-9;

export function emptySketch(mapping: SketchMapping): QuantileSketch {
  return { mapping: SketchMapping.parse(mapping), count: 0, buckets: {} };
}

/** The bucket key of a value: an integer, monotone non-decreasing in the value. */
export function bucketKeyOf(mapping: SketchMapping, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`value: not a finite number: ${value}`);
  if (mapping.kind === 'linear') return Math.floor(value / mapping.bucketWidth);
  const magnitude = Math.abs(value);
  if (magnitude < MIN_INDEXABLE) return 0;
  const { lnGamma, offset } = logarithmicConstants(mapping);
  const key = Math.ceil(Math.log(magnitude) / lnGamma) - offset + 1;
  return value < 0 ? -key : key;
}

/** A value standing for a bucket: within the relative accuracy (logarithmic), its start (linear). */
export function bucketValueOf(mapping: SketchMapping, key: number): number {
  if (mapping.kind === 'linear') return key * mapping.bucketWidth;
  if (key === 0) return 0;
  const { gamma, offset } = logarithmicConstants(mapping);
  const value = (2 * gamma ** (Math.abs(key) + offset - 1)) / (gamma + 1);
  return key < 0 ? -value : value;
}

function logarithmicConstants(mapping: LogarithmicMapping) {
  const gamma = (1 + mapping.relativeAccuracy) / (1 - mapping.relativeAccuracy);
  const lnGamma = Math.log(gamma);
  return { gamma, lnGamma, offset: Math.floor(Math.log(MIN_INDEXABLE) / lnGamma) };
}

export function sketchAdd(sketch: QuantileSketch, value: number, times = 1): QuantileSketch {
  return withDelta(sketch, bucketKeyOf(sketch.mapping, value), checkedTimes(times));
}

/** Adds many values at once (rebuilding a population), copying the buckets once. */
export function sketchAddAll(sketch: QuantileSketch, values: Iterable<number>): QuantileSketch {
  const buckets = { ...sketch.buckets };
  let count = sketch.count;
  for (const value of values) {
    const name = String(bucketKeyOf(sketch.mapping, value));
    buckets[name] = (buckets[name] ?? 0) + 1;
    count++;
  }
  return { mapping: sketch.mapping, count, buckets };
}

/** Takes a value out again; a RangeError when the sketch does not hold it. */
export function sketchRemove(sketch: QuantileSketch, value: number, times = 1): QuantileSketch {
  const key = bucketKeyOf(sketch.mapping, value);
  const held = sketch.buckets[String(key)] ?? 0;
  if (held < checkedTimes(times)) {
    throw new RangeError(`value: cannot remove ${value} ×${times}: its bucket holds ${held}`);
  }
  return withDelta(sketch, key, -times);
}

/** The union of two sketches of the same mapping (e.g. per-partition sketches of a workspace). */
export function sketchMerge(a: QuantileSketch, b: QuantileSketch): QuantileSketch {
  if (!sameMapping(a.mapping, b.mapping)) {
    throw new RangeError(
      `mapping: cannot merge ${JSON.stringify(a.mapping)} with ${JSON.stringify(b.mapping)}`,
    );
  }
  const buckets = { ...a.buckets };
  for (const [key, count] of Object.entries(b.buckets)) buckets[key] = (buckets[key] ?? 0) + count;
  return { mapping: a.mapping, count: a.count + b.count, buckets };
}

export function sameMapping(a: SketchMapping, b: SketchMapping): boolean {
  if (a.kind === 'linear') return b.kind === 'linear' && a.bucketWidth === b.bucketWidth;
  return b.kind === 'logarithmic' && a.relativeAccuracy === b.relativeAccuracy;
}

/**
 * The q-quantile, the value of rank ⌈q·n⌉ in ascending order (nearest-rank: at least a share q
 * of the values are ≤ it), as its bucket's value; null for an empty sketch.
 */
export function sketchQuantile(sketch: QuantileSketch, q: number): number | null {
  const rank = rankOfQuantile(q, sketch.count);
  if (rank === 0) return null;
  const [key] = sketchKeysAtRanks(sketch, [rank]);
  return key === undefined ? null : bucketValueOf(sketch.mapping, key);
}

/** Nearest rank ⌈q·n⌉ (1-based), clamped to [1, n]; 0 when n = 0. */
export function rankOfQuantile(q: number, n: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q: a quantile in [0, 1], not ${q}`);
  if (n === 0) return 0;
  // q·n carries a rounding error (0.6 × 5 = 3.0000000000000004); shave it off before ⌈⌉.
  return Math.min(n, Math.max(1, Math.ceil(q * n * (1 - 1e-12))));
}

/** The bucket keys holding the values of the given 1-based ascending ranks, in one walk. */
export function sketchKeysAtRanks(sketch: QuantileSketch, ranks: readonly number[]): number[] {
  // A typed array sorts numbers natively, several times faster than an array of objects.
  const sortedKeys = Float64Array.from(Object.keys(sketch.buckets), Number).sort();
  const order = ranks.map((rank, index) => ({ rank, index })).sort((a, b) => a.rank - b.rank);
  const keys = new Array<number>(ranks.length);
  let cumulative = 0;
  let next = 0;
  for (const key of sortedKeys) {
    cumulative += sketch.buckets[String(key)] ?? 0;
    for (let wanted = order[next]; wanted && wanted.rank <= cumulative; wanted = order[++next]) {
      keys[wanted.index] = key;
    }
  }
  const missing = order[next];
  if (missing) {
    throw new RangeError(`rank: ${missing.rank} is outside the sketch's ${sketch.count} values`);
  }
  return keys;
}

function withDelta(sketch: QuantileSketch, key: number, delta: number): QuantileSketch {
  const name = String(key);
  const count = (sketch.buckets[name] ?? 0) + delta;
  const buckets = { ...sketch.buckets };
  if (count === 0) delete buckets[name];
  else buckets[name] = count;
  return { mapping: sketch.mapping, count: sketch.count + delta, buckets };
}

function checkedTimes(times: number): number {
  if (!Number.isSafeInteger(times) || times < 1) {
    throw new RangeError(`times: a positive integer, not ${times}`);
  }
  return times;
}

import { z } from 'zod';

/**
 * One profile feature and how it becomes coordinates of the bandit's context vector.
 * - numeric: optionally log1p-transformed (for counts and money), then standardised as
 *   (value − center) ÷ scale and clipped to ±clip, so every coordinate is on the same scale
 *   as the ridge prior and the exploration bonus. A missing value encodes as 0, the center.
 * - flag: 1 when true (or a positive number), else 0.
 * - category: one-hot over the listed values; missing or unlisted values are all zeros.
 */
export const ContextFeature = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('numeric'),
    name: z.string().min(1),
    center: z.number(),
    scale: z.number().positive(),
    log: z.boolean().default(false),
    clip: z.number().positive().default(3),
  }),
  z.object({ kind: z.literal('flag'), name: z.string().min(1) }),
  z.object({
    kind: z.literal('category'),
    name: z.string().min(1),
    values: z.array(z.string().min(1)).min(1),
  }),
]);
export type ContextFeature = z.infer<typeof ContextFeature>;

export const ContextSpec = z.object({ features: z.array(ContextFeature).min(1) });
export type ContextSpec = z.infer<typeof ContextSpec>;

/** What a profile offers the encoder, by feature name. */
export type ContextValues = Readonly<Record<string, number | string | boolean | null | undefined>>;

export interface ContextEncoder {
  /** Length of every encoded vector: 1 (the intercept) + the features' coordinates. */
  readonly dimension: number;
  /** A label per coordinate ("intercept", "recencyDays", "platform=ios"), for explanations. */
  readonly coordinates: readonly string[];
  /** The context vector; writes into `out` when given (no allocation on a hot path). */
  encode(values: ContextValues, out?: Float64Array): Float64Array;
}

/**
 * Context built from the profile features orchestration usually has: 11 coordinates.
 * Centers and scales are rough population values (days, counts, money on a log scale); tune
 * them to your data, the bandit only needs coordinates of order one.
 */
export const DEFAULT_PROFILE_CONTEXT: ContextSpec = ContextSpec.parse({
  features: [
    { kind: 'numeric', name: 'recencyDays', log: true, center: 2.5, scale: 1.2 },
    { kind: 'numeric', name: 'purchases90d', log: true, center: 0.7, scale: 0.7 },
    { kind: 'numeric', name: 'revenue90d', log: true, center: 3, scale: 2 },
    { kind: 'numeric', name: 'engagementRate', center: 0.2, scale: 0.15 },
    { kind: 'numeric', name: 'tenureDays', log: true, center: 5, scale: 1.5 },
    { kind: 'flag', name: 'emailOptIn' },
    { kind: 'flag', name: 'pushOptIn' },
    { kind: 'category', name: 'platform', values: ['ios', 'android', 'web'] },
  ],
});

/**
 * Validates the spec once and returns an encoder. Coordinate 0 is always the intercept (1):
 * the bandit's prior mean and every action's base rate live there.
 */
export function createContextEncoder(spec: z.input<typeof ContextSpec>): ContextEncoder {
  const { features } = ContextSpec.parse(spec);
  const coordinates = ['intercept'];
  for (const feature of features) {
    if (feature.kind === 'category') {
      coordinates.push(...feature.values.map((value) => `${feature.name}=${value}`));
    } else coordinates.push(feature.name);
  }
  const dimension = coordinates.length;
  return {
    dimension,
    coordinates,
    encode(values, out = new Float64Array(dimension)) {
      if (out.length !== dimension) {
        throw new RangeError(`out must have length ${dimension}, got ${out.length}`);
      }
      out[0] = 1;
      let offset = 1;
      for (const feature of features)
        offset = encodeFeature(feature, values[feature.name], out, offset);
      return out;
    },
  };
}

function encodeFeature(
  feature: ContextFeature,
  value: ContextValues[string],
  out: Float64Array,
  offset: number,
): number {
  switch (feature.kind) {
    case 'numeric':
      out[offset] = encodeNumeric(feature, value);
      return offset + 1;
    case 'flag':
      out[offset] = value === true || (typeof value === 'number' && value > 0) ? 1 : 0;
      return offset + 1;
    case 'category':
      feature.values.forEach((category, i) => {
        out[offset + i] = value === category ? 1 : 0;
      });
      return offset + feature.values.length;
  }
}

function encodeNumeric(
  feature: Extract<ContextFeature, { kind: 'numeric' }>,
  value: ContextValues[string],
): number {
  if (value === null || value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`context feature ${feature.name} must be a finite number, got ${value}`);
  }
  const transformed = feature.log ? Math.log1p(Math.max(0, value)) : value;
  const standardised = (transformed - feature.center) / feature.scale;
  return Math.max(-feature.clip, Math.min(feature.clip, standardised));
}

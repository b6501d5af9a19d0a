import { z } from 'zod';

/**
 * A sparse example: numeric features by name (`recency: 1.9`) and categorical ones as
 * `name=value` indicators (`'country=UK': 1`). Absent names are zero. Values should be
 * of order one (see profileFeatures for the scaling used for profiles).
 */
export const FeatureVector = z.record(z.string().min(1), z.number());
export type FeatureVector = z.infer<typeof FeatureVector>;

/**
 * The same features as a list of entries, for documents that are stored: feature names come
 * from event names and attributes, which may hold dots, and MongoDB keys should not.
 */
export const FeatureEntry = z.object({ name: z.string().min(1), value: z.number() });
export type FeatureEntry = z.infer<typeof FeatureEntry>;

export function toFeatureEntries(features: FeatureVector): FeatureEntry[] {
  return Object.entries(features).map(([name, value]) => ({ name, value }));
}

export function fromFeatureEntries(entries: readonly FeatureEntry[]): FeatureVector {
  const features: FeatureVector = {};
  for (const { name, value } of entries) features[name] = (features[name] ?? 0) + value;
  return features;
}

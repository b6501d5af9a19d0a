import { z } from 'zod';
import type { FeatureVector } from './feature-vector';

const Count = z.number().nonnegative();

/**
 * What the scoring service knows about a profile at the moment it scores it. Counts of events
 * and email engagement are over a trailing window the caller chooses and keeps fixed (the
 * simulator uses 30 days), so that they read as rates rather than as lifetime totals.
 */
export const ProfileSummary = z.object({
  /** Days since the last goal event (for example the last order); null if there was none. */
  recencyDays: Count.nullable(),
  /** Goal events so far (orders). */
  frequency: Count,
  /** Money spent so far, in the workspace currency. */
  monetary: Count,
  /** Days since the profile was first seen. */
  daysSinceFirstSeen: Count,
  /** Events by name in the trailing window (`Product Viewed: 12`). */
  eventCounts: z.record(z.string().min(1), Count).default({}),
  emailOpens: Count.default(0),
  emailClicks: Count.default(0),
  /** Categorical traits (`country: 'UK'`, `plan: 'pro'`), one indicator feature each. */
  attributes: z.record(z.string().min(1), z.string()).default({}),
});
export type ProfileSummary = z.input<typeof ProfileSummary>;

/** Upper bounds (exclusive) of the recency buckets in days, and their labels. */
const RECENCY_BUCKETS: readonly (readonly [number, string])[] = [
  [1, '0-1'],
  [3, '1-3'],
  [7, '3-7'],
  [14, '7-14'],
  [21, '14-21'],
  [30, '21-30'],
  [45, '30-45'],
  [60, '45-60'],
  [90, '60-90'],
  [120, '90-120'],
  [180, '120-180'],
];
const FREQUENCY_BUCKETS: readonly (readonly [number, string])[] = [
  [1, '0'],
  [2, '1'],
  [3, '2'],
  [5, '3-4'],
  [10, '5-9'],
];

/** Held locally: a global `Math` lookup is slow inside Jest's VM context. */
const { log1p } = Math;
const { entries } = Object;
const { isFinite: isFiniteNumber } = Number;

/**
 * Turns a profile summary into the model's features, the one place where the scaling is
 * decided. Counts, money and day spans are heavy-tailed, so they enter as log1p(x): an order
 * of magnitude is a step of about 2.3, and a whale does not swamp the gradient. Recency and
 * frequency also enter as buckets (indicators), so that a linear model can learn effects that
 * are not monotone in them, such as a repurchase cycle.
 *
 * It checks the summary by hand (the rules of ProfileSummary, with a RangeError naming the
 * field) rather than by parsing it, because it runs for every profile scored.
 */
export function profileFeatures(profile: ProfileSummary): FeatureVector {
  const frequency = count(profile.frequency, 'frequency');
  const monetary = count(profile.monetary, 'monetary');
  const features: FeatureVector = {
    frequency: log1p(frequency),
    [`frequencyBucket=${bucket(frequency, FREQUENCY_BUCKETS, '10+')}`]: 1,
    monetary: log1p(monetary),
    tenure: log1p(count(profile.daysSinceFirstSeen, 'daysSinceFirstSeen')),
    emailOpens: log1p(count(profile.emailOpens ?? 0, 'emailOpens')),
    emailClicks: log1p(count(profile.emailClicks ?? 0, 'emailClicks')),
  };
  if (profile.recencyDays === null) {
    features['recencyBucket=never'] = 1;
  } else {
    const recency = count(profile.recencyDays, 'recencyDays');
    features['recency'] = log1p(recency);
    features[`recencyBucket=${bucket(recency, RECENCY_BUCKETS, '180+')}`] = 1;
  }
  if (frequency > 0) features['averageOrderValue'] = log1p(monetary / frequency);
  for (const [name, value] of entries(profile.eventCounts ?? {})) {
    features[`event:${name}`] = log1p(count(value, `eventCounts.${name}`));
  }
  for (const [name, value] of entries(profile.attributes ?? {})) {
    if (typeof value !== 'string') throw new RangeError(`attributes.${name} must be a string`);
    features[`${name}=${value}`] = 1;
  }
  return features;
}

function count(value: number, field: string): number {
  if (!(isFiniteNumber(value) && value >= 0)) {
    throw new RangeError(`${field} must be a finite number ≥ 0, got ${value}`);
  }
  return value;
}

function bucket(
  value: number,
  buckets: readonly (readonly [number, string])[],
  overflow: string,
): string {
  for (const [upper, label] of buckets) if (value < upper) return label;
  return overflow;
}

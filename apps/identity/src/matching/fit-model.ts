import {
  COMPARISON_FIELDS,
  estimateParameters,
  implausibleFields,
  indexPairPatterns,
  PersonIndex,
  Prng,
  type LinkageModel,
  type PersonRecord,
} from '@meridian/record-linkage';
import { MatchingError } from './matching-errors';

/** How a workspace's model is fitted. */
export interface FitOptions {
  /** Fewer profiles with PII than this: no model (the estimates would be noise). */
  readonly minProfiles: number;
  /** Profiles whose candidate pairs EM runs on (a seeded sample of those read). */
  readonly queryProfiles: number;
  readonly seed: number;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = { minProfiles: 100, queryProfiles: 10_000, seed: 1 };

/** A profile's PII, as the fit reads it. */
export interface PersonOfProfile {
  readonly profileId: string;
  readonly record: PersonRecord;
}

export interface FittedModel {
  readonly model: LinkageModel;
  readonly profilesSampled: number;
  readonly pairsUsed: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Fits the Fellegi–Sunter model of a workspace from its own profiles, unlabeled: the
 * profiles are blocked as the matcher blocks calls, the candidate pairs of a sample of them
 * (never a profile with itself) are compared, and EM estimates m, u and the match prior, the
 * duplicates not merged yet being the matches. Refuses (MatchingError) with too few profiles,
 * no candidate pairs, or a model in which agreement counts against a match (too few duplicates
 * to learn from: such a model would merge strangers).
 */
export function fitMatchModel(
  people: readonly PersonOfProfile[],
  options: FitOptions = DEFAULT_FIT_OPTIONS,
): FittedModel {
  const index = new PersonIndex();
  for (const person of people) index.add(person.profileId, person.record);
  if (index.size < options.minProfiles)
    throw new MatchingError(
      'not_enough_data',
      `the workspace has ${index.size} live profiles with PII; fitting a match model needs at least ${options.minProfiles}`,
    );
  const sample = sampleOf(
    people.map((person) => person.profileId),
    options.queryProfiles,
    new Prng(options.seed),
  );
  const patterns = indexPairPatterns(index, sample);
  if (patterns.pairs === 0)
    throw new MatchingError(
      'not_enough_data',
      `no two of the ${index.size} profiles with PII share a blocking key: there is nothing to learn from yet`,
    );
  const { model, iterations, converged } = estimateParameters(patterns, COMPARISON_FIELDS);
  const implausible = implausibleFields(model);
  if (implausible.length > 0)
    throw new MatchingError(
      'implausible_model',
      `EM found no plausible match class in ${patterns.pairs} candidate pairs (agreement on ${implausible.join(', ')} would count against a match): the profiles probably hold too few duplicates to learn from; the previous model, if any, stays`,
    );
  return { model, profilesSampled: index.size, pairsUsed: patterns.pairs, iterations, converged };
}

/** Up to `size` of `ids`, drawn without replacement (a partial Fisher–Yates shuffle). */
export function sampleOf(ids: readonly string[], size: number, prng: Prng): string[] {
  const pool = [...ids];
  const drawn = Math.min(size, pool.length);
  for (let i = 0; i < drawn; i++) {
    const j = prng.int(i, pool.length - 1);
    const picked = pool[j];
    const current = pool[i];
    if (picked === undefined || current === undefined) continue;
    pool[i] = picked;
    pool[j] = current;
  }
  return pool.slice(0, drawn);
}

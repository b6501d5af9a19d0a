import { corruptRecord, DEFAULT_CORRUPTION_RATES, type CorruptionRates } from './corruption';
import type { PersonRecord } from './person-record';
import { Prng } from './prng';
import { randomPerson, type SyntheticPerson } from './synthetic-people';

/** An incoming record and the profile it truly duplicates (null: a new person). */
export interface LabelledRecord {
  readonly record: PersonRecord;
  readonly truthId: string | null;
}

export interface SyntheticDataset {
  /** Distinct people, each with the id of their profile as entityId. */
  readonly profiles: readonly SyntheticPerson[];
  readonly queries: readonly LabelledRecord[];
}

export interface DatasetOptions {
  readonly seed: number;
  readonly profiles: number;
  readonly queries: number;
  /** Share of queries that are corrupted duplicates of a profile; the rest are new people. */
  readonly duplicateShare: number;
  readonly corruption?: CorruptionRates;
}

/** Profiles and labelled queries, the same for the same options on every machine. */
export function syntheticDataset(options: DatasetOptions): SyntheticDataset {
  const prng = new Prng(options.seed);
  const profiles = Array.from({ length: options.profiles }, (_, i) => randomPerson(prng, `p${i}`));
  return { profiles, queries: labelledQueries(prng, profiles, options) };
}

/** More queries against the same profiles, e.g. a training set apart from the test set. */
export function labelledQueries(
  prng: Prng,
  profiles: readonly SyntheticPerson[],
  options: Omit<DatasetOptions, 'seed' | 'profiles'>,
): LabelledRecord[] {
  const rates = options.corruption ?? DEFAULT_CORRUPTION_RATES;
  return Array.from({ length: options.queries }, (_, i) => {
    if (!prng.chance(options.duplicateShare))
      return { record: randomPerson(prng, `new${i}`).record, truthId: null };
    const original = prng.pick(profiles);
    return { record: corruptRecord(prng, original.record, rates), truthId: original.entityId };
  });
}

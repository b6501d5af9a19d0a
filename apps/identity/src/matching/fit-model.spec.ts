import {
  corruptRecord,
  implausibleFields,
  Prng,
  syntheticDataset,
  type PersonRecord,
} from '@meridian/record-linkage';
import { DEFAULT_FIT_OPTIONS, fitMatchModel, sampleOf, type PersonOfProfile } from './fit-model';
import { MatchingError } from './matching-errors';

/** `people` synthetic profiles and corrupted copies of the first `duplicates` of them. */
function store(people: number, duplicates: number, seed: number): PersonOfProfile[] {
  const data = syntheticDataset({ seed, profiles: people, queries: 0, duplicateShare: 0 });
  const prng = new Prng(seed + 1);
  const originals = data.profiles.map((person) => ({
    profileId: person.entityId,
    record: person.record,
  }));
  const copies = data.profiles.slice(0, duplicates).map((person, i) => ({
    profileId: `dup${i}`,
    record: corruptRecord(prng, person.record),
  }));
  return [...originals, ...copies];
}

function refusal(run: () => unknown): MatchingError {
  try {
    run();
  } catch (error) {
    if (error instanceof MatchingError) return error;
    throw error;
  }
  throw new Error('expected a MatchingError');
}

describe('fitMatchModel', () => {
  it('fits a plausible model from a store holding corrupted duplicates', () => {
    const fitted = fitMatchModel(store(400, 100, 5));

    expect(fitted.profilesSampled).toBe(500);
    expect(fitted.pairsUsed).toBeGreaterThan(50);
    expect(fitted.converged).toBe(true);
    expect(implausibleFields(fitted.model)).toEqual([]);
    const lastName = fitted.model.parameters[1];
    const weight = (level: number) =>
      Math.log2((lastName?.m[level] ?? 0) / (lastName?.u[level] ?? 1));
    // The same surname is evidence for a match, a different one evidence against.
    expect(weight(0)).toBeGreaterThan(0);
    expect(weight(3)).toBeLessThan(-2);
  });

  it('refuses fewer profiles with PII than the minimum', () => {
    const error = refusal(() => fitMatchModel(store(99, 0, 5)));

    expect(error.code).toBe('not_enough_data');
    expect(error.message).toMatch(/99 live profiles with PII; .* at least 100/);
  });

  it('refuses profiles of which no two share a blocking key', () => {
    const people: PersonOfProfile[] = Array.from({ length: 150 }, (_, i) => {
      const record: PersonRecord = { firstName: `Person${i}`, address: { city: 'Berlin' } };
      return { profileId: `p${i}`, record };
    });

    expect(refusal(() => fitMatchModel(people)).code).toBe('not_enough_data');
  });

  it('refuses the model EM finds in a large store without duplicates, which would merge strangers', () => {
    const error = refusal(() => fitMatchModel(store(20_000, 0, 11), DEFAULT_FIT_OPTIONS));

    expect(error.code).toBe('implausible_model');
    expect(error.message).toMatch(/agreement on .*birthday/);
  });
});

describe('sampleOf', () => {
  const ids = Array.from({ length: 50 }, (_, i) => `id${i}`);

  it('draws distinct ids, at most the size asked for', () => {
    const sample = sampleOf(ids, 20, new Prng(1));

    expect(sample).toHaveLength(20);
    expect(new Set(sample).size).toBe(20);
    expect(sample.every((id) => ids.includes(id))).toBe(true);
  });

  it('takes every id when asked for more than there are', () => {
    expect([...sampleOf(ids, 80, new Prng(1))].sort()).toEqual([...ids].sort());
  });
});

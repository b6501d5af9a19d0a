import { COMPARISON_FIELDS } from './comparators';
import { corruptRecord } from './corruption';
import { syntheticDataset } from './dataset';
import { estimateParameters } from './em';
import { indexPairPatterns } from './index-patterns';
import { implausibleFields } from './model-checks';
import { PersonIndex } from './person-index';
import type { PersonRecord } from './person-record';
import { Prng } from './prng';

const anna: PersonRecord = {
  firstName: 'Anna',
  lastName: 'Schmidt',
  birthday: '1985-03-07',
  email: 'anna@example.com',
};

function indexOf(records: Record<string, PersonRecord>): PersonIndex {
  const index = new PersonIndex();
  for (const [id, record] of Object.entries(records)) index.add(id, record);
  return index;
}

describe('indexPairPatterns', () => {
  it('never compares a profile with itself', () => {
    const index = indexOf({ anna });

    expect(indexPairPatterns(index, ['anna']).pairs).toBe(0);
  });

  it('counts a pair of two sampled profiles once', () => {
    const index = indexOf({ anna, annaAgain: { ...anna, email: undefined } });

    const patterns = indexPairPatterns(index, ['anna', 'annaAgain', 'anna']);

    expect(patterns.pairs).toBe(1);
    const [only] = [...patterns.entries()];
    // Names and birthday exact, email missing on one side.
    expect([...(only?.levels ?? [])].slice(0, 3)).toEqual([0, 0, 0]);
    expect(only?.levels[5]).toBe(-1);
  });

  it('compares a sampled profile with candidates outside the sample and skips unknown ids', () => {
    const index = indexOf({ anna, annaAgain: anna, stranger: { firstName: 'Zeno' } });

    expect(indexPairPatterns(index, ['anna', 'missing']).pairs).toBe(1);
  });

  it('gives EM enough to find the duplicates a profile store holds', () => {
    const data = syntheticDataset({ seed: 3, profiles: 2000, queries: 0, duplicateShare: 0 });
    const prng = new Prng(4);
    const index = new PersonIndex();
    for (const person of data.profiles) index.add(person.entityId, person.record);
    data.profiles
      .slice(0, 100)
      .forEach((person, i) => index.add(`dup${i}`, corruptRecord(prng, person.record)));
    const ids = [...data.profiles.map((person) => person.entityId), 'dup0'];

    const { model } = estimateParameters(indexPairPatterns(index, ids), COMPARISON_FIELDS);

    const email = model.parameters[COMPARISON_FIELDS.findIndex((f) => f.name === 'email')];
    // An exact email is strong evidence of a match, and no field's agreement counts against one.
    expect((email?.m[0] ?? 0) / (email?.u[0] ?? 1)).toBeGreaterThan(20);
    expect(implausibleFields(model)).toEqual([]);
    expect(model.matchPrior).toBeGreaterThan(0);
    expect(model.matchPrior).toBeLessThan(0.5);
  });
});

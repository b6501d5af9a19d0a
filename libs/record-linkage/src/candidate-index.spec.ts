import { CandidateIndex } from './candidate-index';
import { preparePerson } from './comparators';
import { normalisePerson } from './normalise';
import type { PersonRecord } from './person-record';

const person = (record: PersonRecord) => preparePerson(normalisePerson(record));

const anna = person({
  firstName: 'Anna',
  lastName: 'Schmidt',
  birthday: '1985-03-07',
  address: { postalCode: '10115' },
});

describe('CandidateIndex', () => {
  it('finds a person from a record with a misspelt surname and no postcode', () => {
    const index = new CandidateIndex();
    index.add('anna', anna);
    index.add('bob', person({ firstName: 'Bob', lastName: 'Weber', birthday: '1970-01-01' }));
    expect(
      index.candidates(person({ firstName: 'Ana', lastName: 'Schmitt', birthday: '1985-04-07' })),
    ).toEqual(['anna']);
  });

  it('finds a person by phone alone, whatever the formatting', () => {
    const index = new CandidateIndex();
    index.add('anna', person({ phone: '+49 30 1234567' }));
    expect(index.candidates(person({ phone: '030/123 45 67' }))).toEqual(['anna']);
  });

  it('forgets removed people and re-indexes a changed one', () => {
    const index = new CandidateIndex();
    index.add('anna', anna);
    index.add('anna', person({ email: 'anna@example.com' }));
    expect(index.candidates(anna)).toEqual([]);
    expect(index.remove('anna')).toBe(true);
    expect(index.remove('anna')).toBe(false);
    expect(index.candidates(person({ email: 'anna@example.com' }))).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('caps the ids taken from one crowded block', () => {
    const index = new CandidateIndex({ maxPerBlock: 3, maxCandidates: 100 });
    for (let i = 0; i < 10; i++) index.add(`p${i}`, person({ phone: '+49 30 1234567' }));
    expect(index.candidates(person({ phone: '0301234567' }))).toHaveLength(3);
  });

  it('caps the candidates in all', () => {
    const index = new CandidateIndex({ maxPerBlock: 100, maxCandidates: 4 });
    for (let i = 0; i < 10; i++) index.add(`p${i}`, anna);
    expect(index.candidates(anna)).toHaveLength(4);
  });
});

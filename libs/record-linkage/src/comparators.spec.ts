import {
  compareBirthday,
  comparePeople,
  comparePostalCode,
  compareName,
  compareSimilar,
  COMPARISON_FIELDS,
  MISSING,
  preparePerson,
} from './comparators';
import { normalisePerson } from './normalise';
import type { PersonRecord } from './person-record';

const prepared = (record: PersonRecord) => preparePerson(normalisePerson(record));
const levelsOf = (a: PersonRecord, b: PersonRecord) => {
  const levels = comparePeople(prepared(a), prepared(b));
  return Object.fromEntries(COMPARISON_FIELDS.map((field, i) => [field.name, levels[i]]));
};

describe('compareName', () => {
  it('grades names by Jaro–Winkler similarity', () => {
    expect(compareName('schmidt', 'schmidt')).toBe(0);
    expect(compareName('schmidt', 'schmitd')).toBe(1);
    expect(compareName('jonathan', 'jonatan')).toBe(1);
    expect(compareName('meyer', 'meier')).toBe(2);
    expect(compareName('schmidt', 'weber')).toBe(3);
  });

  it('treats a missing side as missing, not as a disagreement', () => {
    expect(compareName(null, 'weber')).toBe(MISSING);
  });
});

describe('compareBirthday', () => {
  it('tells exact, near, same-year and different dates apart', () => {
    expect(compareBirthday('1985-03-07', '1985-03-07')).toBe(0);
    expect(compareBirthday('1985-03-07', '1985-07-03')).toBe(1);
    expect(compareBirthday('1985-03-07', '1985-03-08')).toBe(1);
    expect(compareBirthday('1985-03-07', '1986-03-07')).toBe(1);
    expect(compareBirthday('1985-03-07', '1985-11-21')).toBe(2);
    expect(compareBirthday('1985-03-07', '1990-11-21')).toBe(3);
    expect(compareBirthday(null, '1990-11-21')).toBe(MISSING);
  });
});

describe('comparePostalCode and compareSimilar', () => {
  it('gives a partial level to postcodes of the same district', () => {
    expect(comparePostalCode('10115', '10115')).toBe(0);
    expect(comparePostalCode('10115', '10117')).toBe(1);
    expect(comparePostalCode('10115', '80331')).toBe(2);
  });

  it('gives a partial level to similar streets', () => {
    expect(compareSimilar('hauptstrasse 12', 'hauptstr 12')).toBe(1);
    expect(compareSimilar('hauptstrasse 12', 'birkenweg 3')).toBe(2);
  });
});

describe('comparePeople', () => {
  const anna: PersonRecord = {
    firstName: 'William',
    lastName: 'Müller',
    birthday: '1985-03-07',
    phone: '+49 30 1234567',
    email: 'bill@example.com',
    address: { street: 'Hauptstraße 12', city: 'Berlin', postalCode: '10115' },
  };

  it('matches nicknames, phone formats and accents', () => {
    const levels = levelsOf(anna, {
      ...anna,
      firstName: 'Bill',
      lastName: 'MULLER',
      phone: '030 1234567',
    });
    expect(levels).toMatchObject({ firstName: 1, lastName: 0, phone: 0, email: 0 });
  });

  it('counts swapped first and last names as close on both', () => {
    const levels = levelsOf(anna, { ...anna, firstName: 'Müller', lastName: 'William' });
    expect(levels).toMatchObject({ firstName: 1, lastName: 1 });
  });

  it('marks fields absent on either side as missing', () => {
    const levels = levelsOf(anna, { firstName: 'William' });
    expect(levels).toMatchObject({
      firstName: 0,
      lastName: MISSING,
      email: MISSING,
      city: MISSING,
    });
  });
});

import { COMPARISON_FIELDS } from './comparators';
import type { LinkageModel } from './fellegi-sunter';
import { Matcher } from './matcher';
import { PersonIndex } from './person-index';
import type { PersonRecord } from './person-record';

// A hand-set model: agreement on any field is strong evidence, disagreement against.
const model: LinkageModel = {
  fields: COMPARISON_FIELDS,
  parameters: COMPARISON_FIELDS.map((field) => {
    const levels = field.levels.length;
    const m = field.levels.map((_, level) => (level === 0 ? 0.9 : 0.1 / (levels - 1)));
    const u = field.levels.map((_, level) => (level === levels - 1 ? 0.9 : 0.1 / (levels - 1)));
    return { m, u };
  }),
  matchPrior: 0.01,
};

const anna: PersonRecord = {
  firstName: 'Anna',
  lastName: 'Schmidt',
  birthday: '1985-03-07',
  phone: '+49 151 23456789',
  email: 'anna.schmidt@example.com',
  address: { street: 'Hauptstraße 12', city: 'Berlin', postalCode: '10115' },
};

function matcherWith(profiles: Record<string, PersonRecord>, thresholds = { upper: 10, lower: 4 }) {
  const index = new PersonIndex();
  for (const [id, record] of Object.entries(profiles)) index.add(id, record);
  return new Matcher(index, model, thresholds);
}

describe('Matcher', () => {
  const matcher = matcherWith({
    anna,
    other: {
      ...anna,
      firstName: 'Bernd',
      birthday: '1950-12-24',
      email: 'b@example.com',
      phone: undefined,
    },
  });

  it('merges a duplicate with a typo, a new phone format and no email', () => {
    const result = matcher.match({
      ...anna,
      lastName: 'Schmitd',
      phone: '0151 2345 6789',
      email: undefined,
    });
    expect(result).toMatchObject({ decision: 'merge', profileId: 'anna' });
  });

  it('sends a pair with little evidence to review', () => {
    const result = matcher.match({ firstName: 'Anna', birthday: '1985-03-07' });
    expect(result).toMatchObject({ decision: 'review', profileId: 'anna' });
  });

  it('answers distinct when no profile shares a block', () => {
    expect(matcher.match({ firstName: 'Zeno', lastName: 'Quast', birthday: '2001-01-01' })).toEqual(
      {
        decision: 'distinct',
        profileId: null,
        explanation: null,
        candidatesCompared: 0,
      },
    );
  });

  it('explains the best score field by field', () => {
    const explanation = matcher.match({ ...anna, email: undefined }).explanation;
    const email = explanation?.fields.find((field) => field.field === 'email');
    const birthday = explanation?.fields.find((field) => field.field === 'birthday');
    expect(email).toEqual({ field: 'email', level: -1, agreement: 'missing', weight: 0 });
    expect(birthday).toMatchObject({ agreement: 'exact', weight: expect.any(Number) });
    const total = explanation?.fields.reduce((sum, field) => sum + field.weight, 0);
    expect(explanation?.weight).toBeCloseTo(total ?? Number.NaN, 10);
  });

  it('follows the configured thresholds', () => {
    const strict = matcherWith({ anna }, { upper: 1000, lower: 999 });
    expect(strict.match(anna).decision).toBe('distinct');
  });

  it('rejects a model built for other fields', () => {
    expect(() => new Matcher(new PersonIndex(), { ...model, fields: [] })).toThrow(RangeError);
  });
});

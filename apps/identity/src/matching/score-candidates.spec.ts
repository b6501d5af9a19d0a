import { preparedPersonOf } from '../profiles';
import { bestCandidate, keyTiers } from './score-candidates';
import { loadedModel } from './test-support/hand-set-model';

const anna = {
  firstName: 'Anna',
  lastName: 'Schmidt',
  birthday: '1985-03-07',
  phone: '+49 151 23456789',
  email: 'anna@example.com',
  address: { street: 'Hauptstraße 12', city: 'Berlin', postalCode: '10115' },
};
const candidate = (profileId: string, traits: Record<string, unknown>) => ({
  profileId,
  person: preparedPersonOf(traits),
});

describe('bestCandidate', () => {
  it('picks the profile the call most likely is and merges above the upper threshold', () => {
    const call = preparedPersonOf({ ...anna, lastName: 'Schmitd', phone: '0151 2345 6789' });

    const best = bestCandidate(loadedModel(), call, [
      candidate('other', { ...anna, firstName: 'Bernd', birthday: '1950-12-24', email: 'b@x.de' }),
      candidate('anna', anna),
    ]);

    expect(best).toMatchObject({ profileId: 'anna', decision: 'merge' });
    expect(best?.matchProbability).toBeGreaterThan(0.99);
  });

  it('explains the score field by field, the weights adding up to the total', () => {
    const best = bestCandidate(loadedModel(), preparedPersonOf({ ...anna, email: undefined }), [
      candidate('anna', anna),
    ]);

    const email = best?.explanation.find((field) => field.field === 'email');
    expect(email).toEqual({ field: 'email', level: -1, agreement: 'missing', weight: 0 });
    const total = best?.explanation.reduce((sum, field) => sum + field.weight, 0);
    expect(best?.weight).toBeCloseTo(total ?? Number.NaN, 10);
  });

  it('sends a pair with little evidence to review and follows the thresholds', () => {
    const call = preparedPersonOf({ firstName: 'Anna', birthday: '1985-03-07' });

    expect(bestCandidate(loadedModel(), call, [candidate('anna', anna)])?.decision).toBe('review');
    expect(
      bestCandidate(loadedModel({ upper: 1000, lower: 999 }), call, [candidate('anna', anna)])
        ?.decision,
    ).toBe('distinct');
  });

  it('gives equal scores to the smaller profile id, whatever the order', () => {
    const call = preparedPersonOf(anna);
    const twins = [candidate('b', anna), candidate('a', anna)];

    expect(bestCandidate(loadedModel(), call, twins)?.profileId).toBe('a');
    expect(bestCandidate(loadedModel(), call, [...twins].reverse())?.profileId).toBe('a');
  });

  it('answers null without candidates', () => {
    expect(bestCandidate(loadedModel(), preparedPersonOf(anna), [])).toBeNull();
  });
});

describe('keyTiers', () => {
  it('fetches by phone, email and birthday keys before surname and postcode keys', () => {
    const keys = ['ln:S530:1985', 'ph:3456789', 'fp:A500:101', 'em:anna@example.com'];

    expect(keyTiers(keys)).toEqual({
      selective: ['ph:3456789', 'em:anna@example.com'],
      broad: ['ln:S530:1985', 'fp:A500:101'],
    });
  });
});

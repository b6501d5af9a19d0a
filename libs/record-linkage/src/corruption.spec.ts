import { corruptRecord, DEFAULT_CORRUPTION_RATES, typo } from './corruption';
import { normalisePerson } from './normalise';
import { Prng } from './prng';
import { randomPerson } from './synthetic-people';

describe('typo', () => {
  it('changes a word by one edit', () => {
    const prng = new Prng(3);
    for (let i = 0; i < 50; i++) {
      const changed = typo(prng, 'schneider');
      expect(Math.abs(changed.length - 'schneider'.length)).toBeLessThanOrEqual(1);
    }
  });
});

describe('corruptRecord', () => {
  const original = randomPerson(new Prng(5), 'p1').record;

  it('gives the same duplicate for the same seed', () => {
    expect(corruptRecord(new Prng(9), original)).toEqual(corruptRecord(new Prng(9), original));
  });

  it('applies each kind of corruption when its rate is 1', () => {
    const person = {
      firstName: 'William',
      lastName: 'Weber',
      birthday: '1980-05-09',
      phone: '+49 151 12345678',
    };
    const nickname = corruptRecord(new Prng(1), person, {
      ...DEFAULT_CORRUPTION_RATES,
      nickname: 1,
      formatting: 0,
    });
    expect(['Will', 'Bill', 'Billy']).toContain(nickname.firstName);
    const swapped = corruptRecord(new Prng(1), person, {
      ...DEFAULT_CORRUPTION_RATES,
      swapNames: 1,
      nickname: 0,
      typo: 0,
      formatting: 0,
      missing: 0,
    });
    expect(swapped).toMatchObject({ firstName: 'Weber', lastName: 'William' });
    const dates = corruptRecord(new Prng(1), person, {
      ...DEFAULT_CORRUPTION_RATES,
      swapDayMonth: 1,
      missing: 0,
    });
    expect(dates.birthday).toBe('1980-09-05');
    const gaps = corruptRecord(new Prng(1), person, { ...DEFAULT_CORRUPTION_RATES, missing: 1 });
    expect(gaps).toMatchObject({ birthday: undefined, phone: undefined });
  });

  it('keeps the phone number while changing its notation', () => {
    const duplicate = corruptRecord(
      new Prng(2),
      { phone: '+49 151 12345678' },
      { ...DEFAULT_CORRUPTION_RATES, missing: 0 },
    );
    expect(normalisePerson(duplicate).phone?.slice(-9)).toBe('112345678');
  });
});

import {
  normaliseBirthday,
  normaliseEmail,
  normalisePerson,
  normalisePhone,
  normalisePostalCode,
  normaliseText,
} from './normalise';
import { PersonRecord } from './person-record';

describe('normaliseText', () => {
  it('folds case, accents, punctuation and whitespace', () => {
    expect(normaliseText('  José  ')).toBe('jose');
    expect(normaliseText("O'Brien")).toBe('obrien');
    expect(normaliseText('Smith-Jones')).toBe('smith jones');
    expect(normaliseText('Straße  12a,')).toBe('strasse 12a');
    expect(normaliseText('Müller')).toBe('muller');
  });

  it('treats empty or punctuation-only values as missing', () => {
    expect(normaliseText('  ')).toBeNull();
    expect(normaliseText('--')).toBeNull();
    expect(normaliseText(undefined)).toBeNull();
  });
});

describe('normaliseBirthday', () => {
  it('keeps the date of an ISO date or date-time, zero-padded', () => {
    expect(normaliseBirthday('1985-3-7')).toBe('1985-03-07');
    expect(normaliseBirthday('1985-03-07T00:00:00.000Z')).toBe('1985-03-07');
    expect(normaliseBirthday('1985/03/07')).toBe('1985-03-07');
  });

  it('rejects impossible dates and other formats', () => {
    expect(normaliseBirthday('1985-02-30')).toBeNull();
    expect(normaliseBirthday('07.03.1985')).toBeNull();
    expect(normaliseBirthday('yesterday')).toBeNull();
  });
});

describe('contact fields', () => {
  it('keeps the digits of a phone number whatever its formatting', () => {
    expect(normalisePhone('+49 (30) 123-45 67')).toBe('49301234567');
    expect(normalisePhone('12-34')).toBeNull();
  });

  it('lowercases emails and rejects values without @', () => {
    expect(normaliseEmail(' Ann@Example.COM ')).toBe('ann@example.com');
    expect(normaliseEmail('not an email')).toBeNull();
  });

  it('uppercases postcodes without spaces', () => {
    expect(normalisePostalCode('sw1a 1aa')).toBe('SW1A1AA');
  });
});

describe('normalisePerson', () => {
  it('flattens the address and marks absent traits as null', () => {
    const record = PersonRecord.parse({
      firstName: 'Zoë',
      address: { city: 'São Paulo', postalCode: '01310-100' },
    });
    expect(normalisePerson(record)).toEqual({
      firstName: 'zoe',
      lastName: null,
      birthday: null,
      phone: null,
      email: null,
      street: null,
      city: 'sao paulo',
      postalCode: '01310100',
      state: null,
      country: null,
    });
  });
});

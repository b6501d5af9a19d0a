import type { NormalisedPerson, PersonRecord } from './person-record';

/**
 * Lowercase ASCII words separated by single spaces: accents folded ("José" → "jose"),
 * punctuation dropped ("O'Brien" → "obrien", "Smith-Jones" → "smith jones"). Empty → null.
 */
export function normaliseText(value: string | undefined): string | null {
  if (value === undefined) return null;
  const folded = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // ß and a few letters NFKD does not decompose.
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o')
    .replace(/[ł]/g, 'l')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return folded === '' ? null : folded;
}

const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/;

/** YYYY-MM-DD from an ISO-8601 date or date-time; null for anything not a real calendar date. */
export function normaliseBirthday(value: string | undefined): string | null {
  const match = value === undefined ? null : ISO_DATE.exec(value.trim());
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Digits only; fewer than 6 digits is not a phone number. */
export function normalisePhone(value: string | undefined): string | null {
  const digits = value?.replace(/\D/g, '') ?? '';
  return digits.length >= 6 ? digits : null;
}

export function normaliseEmail(value: string | undefined): string | null {
  const email = value?.trim().toLowerCase() ?? '';
  return email.includes('@') ? email : null;
}

export function normalisePostalCode(value: string | undefined): string | null {
  const code = value?.toUpperCase().replace(/[^A-Z0-9]/g, '') ?? '';
  return code === '' ? null : code;
}

export function normalisePerson(record: PersonRecord): NormalisedPerson {
  const address = record.address ?? {};
  return {
    firstName: normaliseText(record.firstName),
    lastName: normaliseText(record.lastName),
    birthday: normaliseBirthday(record.birthday),
    phone: normalisePhone(record.phone),
    email: normaliseEmail(record.email),
    street: normaliseText(address.street),
    city: normaliseText(address.city),
    postalCode: normalisePostalCode(address.postalCode),
    state: normaliseText(address.state),
    country: normaliseText(address.country),
  };
}

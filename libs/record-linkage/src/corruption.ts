import { NICKNAMES } from './nicknames';
import type { PersonRecord } from './person-record';
import type { Prng } from './prng';
import { randomAddress, randomEmail } from './synthetic-people';

/** How often each corruption hits a duplicate; the defaults are a fairly dirty source. */
export interface CorruptionRates {
  readonly typo: number;
  readonly nickname: number;
  readonly missing: number;
  readonly swapNames: number;
  readonly swapDayMonth: number;
  readonly dateOffByOne: number;
  readonly moved: number;
  readonly newEmail: number;
  readonly formatting: number;
}

export const DEFAULT_CORRUPTION_RATES: CorruptionRates = {
  typo: 0.12,
  nickname: 0.3,
  missing: 0.2,
  swapNames: 0.03,
  swapDayMonth: 0.04,
  dateOffByOne: 0.04,
  moved: 0.1,
  newEmail: 0.05,
  formatting: 0.3,
};

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One random edit: insert, delete, substitute or transpose a character. */
export function typo(prng: Prng, value: string): string {
  if (value.length < 2) return value + prng.pick([...LETTERS]);
  const at = prng.int(0, value.length - 2);
  const letter = prng.pick([...LETTERS]);
  switch (prng.int(0, 3)) {
    case 0:
      return value.slice(0, at) + letter + value.slice(at);
    case 1:
      return value.slice(0, at) + value.slice(at + 1);
    case 2:
      return value.slice(0, at) + letter + value.slice(at + 1);
    default:
      return value.slice(0, at) + value.charAt(at + 1) + value.charAt(at) + value.slice(at + 2);
  }
}

/** A duplicate of `record` as another source would send it: typos, gaps, other formats. */
export function corruptRecord(
  prng: Prng,
  record: PersonRecord,
  rates: CorruptionRates = DEFAULT_CORRUPTION_RATES,
): PersonRecord {
  let firstName = corruptFirstName(prng, record.firstName, rates);
  let lastName = maybe(prng, rates.typo, record.lastName, (name) => typo(prng, name));
  if (prng.chance(rates.swapNames)) [firstName, lastName] = [lastName, firstName];
  const keep = <T>(value: T | undefined) => (prng.chance(rates.missing) ? undefined : value);
  const address = prng.chance(rates.moved) ? randomAddress(prng) : record.address;
  const email = prng.chance(rates.newEmail)
    ? randomEmail(prng, record.firstName ?? 'x', record.lastName ?? 'y')
    : maybe(prng, rates.typo / 3, record.email, (value) => typo(prng, value));
  return {
    firstName: prng.chance(rates.missing / 4) ? undefined : format(prng, firstName, rates),
    lastName: prng.chance(rates.missing / 4) ? undefined : format(prng, lastName, rates),
    birthday: keep(corruptBirthday(prng, record.birthday, rates)),
    phone: keep(reformatPhone(prng, record.phone, rates)),
    email: keep(email),
    address:
      address === undefined
        ? undefined
        : {
            street: keep(maybe(prng, rates.formatting, address.street, abbreviateStreet)),
            city: keep(address.city),
            postalCode: keep(address.postalCode),
            state: keep(address.state),
            country: keep(address.country),
          },
  };
}

function corruptFirstName(prng: Prng, name: string | undefined, rates: CorruptionRates) {
  const shortForms = name === undefined ? undefined : NICKNAMES[name.toLowerCase()];
  if (shortForms !== undefined && prng.chance(rates.nickname)) {
    const short = prng.pick(shortForms);
    return short.charAt(0).toUpperCase() + short.slice(1);
  }
  return maybe(prng, rates.typo, name, (value) => typo(prng, value));
}

function corruptBirthday(prng: Prng, birthday: string | undefined, rates: CorruptionRates) {
  if (birthday === undefined) return undefined;
  const [year = '', month = '', day = ''] = birthday.split('-');
  if (Number(day) <= 12 && prng.chance(rates.swapDayMonth)) return `${year}-${day}-${month}`;
  if (prng.chance(rates.dateOffByOne)) {
    if (prng.chance(0.5)) return `${Number(year) + prng.pick([-1, 1])}-${month}-${day}`;
    return `${year}-${month}-${String(Math.max(1, Number(day) + prng.pick([-1, 1]))).padStart(2, '0')}`;
  }
  return birthday;
}

/** Same number, another notation: "+49 151 2345678" → "0151-234 5678" and the like. */
function reformatPhone(prng: Prng, phone: string | undefined, rates: CorruptionRates) {
  if (phone === undefined) return undefined;
  const digits = phone.replace(/\D/g, '').replace(/^49/, '');
  const national = prng.chance(0.5) ? `0${digits}` : `+49${digits}`;
  if (!prng.chance(rates.formatting)) return national;
  return `${national.slice(0, 4)}${prng.pick([' ', '-', '/', ' ('])}${national.slice(4, 7)} ${national.slice(7)}`;
}

function format(prng: Prng, value: string | undefined, rates: CorruptionRates) {
  if (value === undefined || !prng.chance(rates.formatting)) return value;
  switch (prng.int(0, 2)) {
    case 0:
      return value.toUpperCase();
    case 1:
      return `  ${value.toLowerCase()} `;
    default:
      return value.normalize('NFKD').replace(/\p{M}/gu, '');
  }
}

function abbreviateStreet(street: string): string {
  return street
    .replace(/straße/i, 'str.')
    .replace(/ Road$/, ' Rd')
    .replace(/ Street$/, ' St');
}

function maybe(
  prng: Prng,
  probability: number,
  value: string | undefined,
  change: (value: string) => string,
): string | undefined {
  return value !== undefined && prng.chance(probability) ? change(value) : value;
}

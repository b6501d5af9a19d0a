import { jaroWinkler } from './jaro-winkler';
import { canonicalFirstName } from './nicknames';
import type { NormalisedPerson } from './person-record';

/** The level of a field missing on either side: it adds no evidence (weight 0). */
export const MISSING = -1;

/** A compared field and the labels of its agreement levels, best first, "different" last. */
export interface ComparisonField {
  readonly name: string;
  readonly levels: readonly string[];
}

export const COMPARISON_FIELDS: readonly ComparisonField[] = [
  { name: 'firstName', levels: ['exact', 'nickname or JW ≥ 0.94', 'JW ≥ 0.88', 'different'] },
  { name: 'lastName', levels: ['exact', 'JW ≥ 0.94', 'JW ≥ 0.88', 'different'] },
  {
    name: 'birthday',
    levels: ['exact', 'day/month swapped or one part off', 'same year', 'different'],
  },
  { name: 'postalCode', levels: ['exact', 'same 3-character prefix', 'different'] },
  { name: 'phone', levels: ['exact', 'different'] },
  { name: 'email', levels: ['exact', 'different'] },
  { name: 'street', levels: ['exact', 'JW ≥ 0.88', 'different'] },
  { name: 'city', levels: ['exact', 'JW ≥ 0.88', 'different'] },
];

/** A normalised person with what the comparators derive from it computed once. */
export interface PreparedPerson extends NormalisedPerson {
  readonly canonicalFirstName: string | null;
  /** The last 9 digits: "+49 30…" and "030…" compare equal. */
  readonly phoneTail: string | null;
}

export function preparePerson(person: NormalisedPerson): PreparedPerson {
  return {
    ...person,
    canonicalFirstName: person.firstName === null ? null : canonicalFirstName(person.firstName),
    phoneTail: person.phone === null ? null : person.phone.slice(-9),
  };
}

/** exact / JW ≥ 0.94 / JW ≥ 0.88 / different. */
export function compareName(a: string | null, b: string | null): number {
  if (a === null || b === null) return MISSING;
  if (a === b) return 0;
  const similarity = jaroWinkler(a, b);
  return similarity >= 0.94 ? 1 : similarity >= 0.88 ? 2 : 3;
}

/** Like compareName, but a nickname of the same formal name ("bill", "william") counts as close. */
export function compareFirstName(a: PreparedPerson, b: PreparedPerson): number {
  const level = compareName(a.firstName, b.firstName);
  if (level <= 1) return level;
  return a.canonicalFirstName === b.canonicalFirstName ? 1 : level;
}

/** exact / day and month swapped or exactly one of year, month, day differs / same year / different. */
export function compareBirthday(a: string | null, b: string | null): number {
  if (a === null || b === null) return MISSING;
  if (a === b) return 0;
  const sameYear = a.slice(0, 4) === b.slice(0, 4);
  const sameMonth = a.slice(5, 7) === b.slice(5, 7);
  const sameDay = a.slice(8, 10) === b.slice(8, 10);
  const swapped = sameYear && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7);
  const agreeing = Number(sameYear) + Number(sameMonth) + Number(sameDay);
  if (swapped || agreeing === 2) return 1;
  return sameYear ? 2 : 3;
}

/** exact / same first 3 characters (the same district in most schemes) / different. */
export function comparePostalCode(a: string | null, b: string | null): number {
  if (a === null || b === null) return MISSING;
  if (a === b) return 0;
  return a.length >= 3 && a.slice(0, 3) === b.slice(0, 3) ? 1 : 2;
}

export function compareExact(a: string | null, b: string | null): number {
  if (a === null || b === null) return MISSING;
  return a === b ? 0 : 1;
}

/** exact / JW ≥ threshold / different. */
export function compareSimilar(a: string | null, b: string | null, threshold = 0.88): number {
  if (a === null || b === null) return MISSING;
  if (a === b) return 0;
  return jaroWinkler(a, b) >= threshold ? 1 : 2;
}

/**
 * The agreement level of every field of COMPARISON_FIELDS, in that order. First and last
 * name given the other way round count as close (level 1) on both, not as two disagreements.
 */
export function comparePeople(
  a: PreparedPerson,
  b: PreparedPerson,
  out = new Int8Array(8),
): Int8Array {
  let first = compareFirstName(a, b);
  let last = compareName(a.lastName, b.lastName);
  // The cross comparison costs two more Jaro–Winkler calls on nearly every non-matching
  // pair, so it only runs when the names could be swapped: the initials cross over (or
  // sit one place apart, for a typo at the start).
  if (first >= 2 && last >= 2 && mayBeSwapped(a, b)) {
    const crossFirst = compareName(a.firstName, b.lastName);
    const crossLast = compareName(a.lastName, b.firstName);
    if (crossFirst >= 0 && crossFirst <= 1 && crossLast >= 0 && crossLast <= 1) {
      first = 1;
      last = 1;
    }
  }
  out[0] = first;
  out[1] = last;
  out[2] = compareBirthday(a.birthday, b.birthday);
  out[3] = comparePostalCode(a.postalCode, b.postalCode);
  out[4] = compareExact(a.phoneTail, b.phoneTail);
  out[5] = compareExact(a.email, b.email);
  out[6] = compareSimilar(a.street, b.street);
  out[7] = compareSimilar(a.city, b.city);
  return out;
}

function mayBeSwapped(a: PreparedPerson, b: PreparedPerson): boolean {
  return sharesInitial(a.firstName, b.lastName) && sharesInitial(a.lastName, b.firstName);
}

function sharesInitial(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  return a[0] === b[0] || a[1] === b[0] || a[0] === b[1];
}

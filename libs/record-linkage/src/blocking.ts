import type { PreparedPerson } from './comparators';
import { soundex } from './phonetic';

/**
 * The blocks a person falls in. Two records become a candidate pair when they share at
 * least one key, so each key is built to survive a different corruption: a typo in the
 * surname (soundex), a new address (birthday and phone keys), a missing birthday
 * (postcode and contact keys), swapped first and last names (the soundex of both names) and a nickname (the formal first name).
 */
export function blockingKeys(person: PreparedPerson): string[] {
  const keys: string[] = [];
  const first = person.firstName;
  // The formal name, so "Bill" and "William" share the first-name keys.
  const canonical = person.canonicalFirstName;
  const last = person.lastName;
  const year = person.birthday?.slice(0, 4) ?? null;
  if (last !== null && year !== null) keys.push(`ln:${soundex(last)}:${year}`);
  if (first !== null && year !== null) keys.push(`ln:${soundex(first)}:${year}`);
  if (canonical !== null && person.postalCode !== null && person.postalCode.length >= 3)
    keys.push(`fp:${soundex(canonical)}:${person.postalCode.slice(0, 3)}`);
  if (last !== null && person.postalCode !== null && person.postalCode.length >= 3)
    keys.push(`lp:${soundex(last)}:${person.postalCode.slice(0, 3)}`);
  if (person.phone !== null && person.phone.length >= 7) keys.push(`ph:${person.phone.slice(-7)}`);
  if (person.email !== null) keys.push(`em:${person.email}`);
  if (person.birthday !== null && canonical !== null)
    keys.push(`bd:${person.birthday}:${canonical[0]}`);
  if (person.birthday !== null && last !== null) keys.push(`bl:${person.birthday}:${last[0]}`);
  return keys;
}

/**
 * Keys whose blocks stay small whatever the population: a phone, an email, a full birthday
 * with an initial. The others (a surname code with a birth year or a postcode district) can
 * hold thousands in a large workspace, so a lookup that can only fetch a few candidates
 * should fill them from the selective keys first.
 */
export function isSelectiveBlockingKey(key: string): boolean {
  return SELECTIVE_KEY_PREFIXES.some((prefix) => key.startsWith(prefix));
}

const SELECTIVE_KEY_PREFIXES = ['ph:', 'em:', 'bd:', 'bl:'];

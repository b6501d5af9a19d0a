import { normaliseText } from './normalise';
import type { PersonRecord } from './person-record';
import type { Prng } from './prng';
import { CITIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, STREET_NAMES } from './reference-data';

/** Share of generated profiles that lack each trait, as real profile stores do. */
const PROFILE_MISSING = { birthday: 0.08, phone: 0.25, email: 0.2, address: 0.1 } as const;

/** A synthetic person with a known identity, so matching decisions can be checked. */
export interface SyntheticPerson {
  readonly entityId: string;
  readonly record: PersonRecord;
}

export function randomPerson(prng: Prng, entityId: string): SyntheticPerson {
  const firstName = prng.pick(FIRST_NAMES);
  const lastName = prng.pick(LAST_NAMES);
  const record: PersonRecord = {
    firstName,
    lastName,
    ...(prng.chance(PROFILE_MISSING.birthday) ? {} : { birthday: randomBirthday(prng) }),
    ...(prng.chance(PROFILE_MISSING.phone) ? {} : { phone: randomPhone(prng) }),
    ...(prng.chance(PROFILE_MISSING.email)
      ? {}
      : { email: randomEmail(prng, firstName, lastName) }),
    ...(prng.chance(PROFILE_MISSING.address) ? {} : { address: randomAddress(prng) }),
  };
  return { entityId, record };
}

export function randomBirthday(prng: Prng): string {
  const year = prng.int(1940, 2006);
  const month = prng.int(1, 12);
  const day = prng.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A German mobile number in international format: "+49 15x xxxxxxxx". */
export function randomPhone(prng: Prng): string {
  const digits = Array.from({ length: 8 }, () => prng.int(0, 9)).join('');
  return `+49 15${prng.int(0, 9)} ${digits}`;
}

export function randomEmail(prng: Prng, firstName: string, lastName: string): string {
  const local = [normaliseText(firstName), normaliseText(lastName)]
    .map((part) => (part ?? 'x').replace(/ /g, ''))
    .join(prng.pick(['.', '_', '']));
  return `${local}${prng.int(1, 999)}@${prng.pick(EMAIL_DOMAINS)}`;
}

export function randomAddress(prng: Prng): NonNullable<PersonRecord['address']> {
  const city = prng.pick(CITIES);
  const postcodeTail = String(prng.int(0, 999)).padStart(3, '0');
  return {
    street: `${prng.pick(STREET_NAMES)} ${prng.int(1, 120)}`,
    city: city.name,
    postalCode: `${city.postcodePrefix}${postcodeTail}`,
    state: city.state,
    country: city.country,
  };
}

import type { JsonObject } from '@meridian/contracts';
import {
  blockingKeys,
  preparePersonRecord,
  type PersonRecord,
  type PreparedPerson,
} from '@meridian/record-linkage';

/** PersonRecord's own limit: a longer value is not a name, a phone or an address. */
const MAX_TRAIT_LENGTH = 512;

/**
 * The PII of a profile's or a call's traits under Segment's reserved trait names: firstName,
 * lastName (else `name`, split as Segment's facade does: the first word is the first name,
 * the rest the last name), birthday, phone, email and address.street / city / postalCode /
 * state / country. Values that are not text (or, for phone and postcode, a number as forms
 * send them) count as missing.
 */
export function personRecordOf(traits: JsonObject): PersonRecord {
  const fromName = splitName(textOf(traits['name']));
  const address = objectOf(traits['address']);
  const record: PersonRecord = {
    firstName: textOf(traits['firstName']) ?? fromName.firstName,
    lastName: textOf(traits['lastName']) ?? fromName.lastName,
    birthday: textOf(traits['birthday']),
    phone: textOf(traits['phone'], { numbers: true }),
    email: textOf(traits['email']),
    address: {
      street: textOf(address['street']),
      city: textOf(address['city']),
      postalCode: textOf(address['postalCode'], { numbers: true }),
      state: textOf(address['state']),
      country: textOf(address['country']),
    },
  };
  return record;
}

/** The traits' PII normalised as the comparators read it. */
export function preparedPersonOf(traits: JsonObject): PreparedPerson {
  return preparePersonRecord(personRecordOf(traits));
}

/**
 * The blocking keys of the traits' PII (record-linkage's blockingKeys): a profile stores them
 * as `matchKeys`, and a call's keys find the profiles it may belong to. Empty without enough
 * PII to block on (a name alone, a city alone).
 */
export function matchKeysOf(traits: JsonObject): string[] {
  return blockingKeys(preparedPersonOf(traits));
}

/** True when a comparator has something to compare: any field but state and country. */
export function hasPersonData(person: PreparedPerson): boolean {
  return [
    person.firstName,
    person.lastName,
    person.birthday,
    person.phone,
    person.email,
    person.street,
    person.city,
    person.postalCode,
  ].some((value) => value !== null);
}

function splitName(name: string | undefined): { firstName?: string; lastName?: string } {
  if (name === undefined) return {};
  const [firstName, ...rest] = name.split(/\s+/);
  const lastName = rest.join(' ');
  return { firstName, ...(lastName === '' ? {} : { lastName }) };
}

function textOf(value: unknown, options: { numbers?: boolean } = {}): string | undefined {
  const text =
    typeof value === 'string'
      ? value.trim()
      : options.numbers === true && typeof value === 'number' && Number.isFinite(value)
        ? String(value)
        : '';
  return text === '' || text.length > MAX_TRAIT_LENGTH ? undefined : text;
}

function objectOf(value: unknown): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value));
}

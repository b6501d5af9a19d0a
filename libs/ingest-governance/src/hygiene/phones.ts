import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';
import type { JsonValue } from '../call';
import type { CallPath } from '../refusal';
import { refuse } from './hygiene-refusal';

/**
 * A phone number in E.164 ('+14155552671'). Numbers without a country prefix are read in
 * `region`; without a region, only international numbers parse. A number that does not
 * parse, or is not valid for its country, is refused with INVALID_PHONE rather than stored
 * raw, so that profiles only ever hold phones a sender can use. An extension is dropped
 * (E.164 has none). null and '' mean "no phone" and are kept as they are; a phone that is
 * not a string (a JSON number loses its leading '+' or '0') is refused.
 */
export function normalisePhone(
  value: JsonValue,
  region: CountryCode | undefined,
  path: CallPath,
): JsonValue {
  if (value === null || value === '') return value;
  const parsed =
    typeof value === 'string'
      ? parsePhoneNumberFromString(value, { defaultCountry: region })
      : undefined;
  if (parsed === undefined || !parsed.isValid()) {
    return refuse(
      'INVALID_PHONE',
      region === undefined
        ? 'phone must be a valid phone number in international format (+…)'
        : `phone must be a valid phone number (national numbers are read as ${region})`,
      path,
    );
  }
  return parsed.number;
}

/**
 * The country of a BCP 47 locale as libphonenumber knows it: 'en-US' and 'en_US' → 'US',
 * 'zh-Hant-TW' → 'TW'; undefined for 'en', '419' or anything malformed.
 */
export function regionOfLocale(locale: JsonValue | undefined): CountryCode | undefined {
  if (typeof locale !== 'string') return undefined;
  const region = localeRegion(locale.replaceAll('_', '-'));
  return region !== undefined && isSupportedCountry(region) ? region : undefined;
}

function localeRegion(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).region;
  } catch (error) {
    // A malformed locale is the client's problem, not a reason to refuse the call: it only
    // means national phone numbers fall back to the configured default region.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

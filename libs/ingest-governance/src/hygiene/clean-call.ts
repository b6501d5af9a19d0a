import type { CountryCode } from 'libphonenumber-js';
import { isSupportedCountry } from 'libphonenumber-js';
import {
  CALL_BAGS,
  isJsonObject,
  type CallBag,
  type GovernableCall,
  type JsonObject,
} from '../call';
import type { HygieneRefusalCode, Refusal } from '../refusal';
import { escapeKeys } from './escape-keys';
import { HygieneRefusal, refuse } from './hygiene-refusal';
import { updateAt, valueAt } from './json-update';
import { normalisePhone, regionOfLocale } from './phones';
import { storableJson, trimStrings } from './storable-json';
import { CLIENT_TIMESTAMP_FIELDS, normaliseTimestamp } from './timestamps';

/** An ISO 3166-1 alpha-2 country that libphonenumber knows, e.g. 'US', 'DE'. */
export type PhoneRegion = CountryCode;

export function isPhoneRegion(value: unknown): value is PhoneRegion {
  return typeof value === 'string' && isSupportedCountry(value);
}

export interface HygieneOptions {
  /** Where national phone numbers are read when context.locale names no country. */
  readonly defaultPhoneRegion?: PhoneRegion;
  /**
   * Escape keys MongoDB/FerretDB cannot store (default true). governCall turns this off so
   * consent and tracking plans see the keys as sent, and escapes as its last step.
   */
  readonly escapeKeys?: boolean;
}

export type CleanResult<C> =
  | { readonly ok: true; readonly call: C }
  | { readonly ok: false; readonly refusal: Refusal<HygieneRefusalCode> };

/** Emails are compared and joined on, so they are stored in one case. */
const EMAIL_PATHS = [
  ['traits', 'email'],
  ['context', 'traits', 'email'],
  ['properties', 'email'],
] as const;
const PHONE_PATHS = [
  ['traits', 'phone'],
  ['context', 'traits', 'phone'],
] as const;

/** The fields cleanCall may replace; everything else of the call is kept as it came. */
interface CleanedFields {
  properties?: JsonObject;
  traits?: JsonObject;
  context?: JsonObject;
  integrations?: JsonObject;
  timestamp?: string | null;
  originalTimestamp?: string | null;
  sentAt?: string | null;
}

/**
 * The call made safe to store and consistent to query, or the first reason it cannot be:
 * values MongoDB/FerretDB cannot store are refused (see storableJson), strings in properties,
 * traits, context and integrations are trimmed, emails lowercased, phones put in E.164,
 * client timestamps normalised to UTC ISO-8601, and unstorable keys in those objects escaped
 * reversibly (see escapeKey). Pure: the input is not modified.
 */
export function cleanCall<C extends GovernableCall>(
  call: C,
  options: HygieneOptions = {},
): CleanResult<C> {
  try {
    return { ok: true, call: { ...call, ...cleanedFields(call, options) } };
  } catch (error) {
    if (error instanceof HygieneRefusal) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

function cleanedFields(call: GovernableCall, options: HygieneOptions): CleanedFields {
  const whole = storableJson(call, []);
  if (!isJsonObject(whole)) return refuse('UNSUPPORTED_VALUE', 'a call must be an object', []);
  const cleaned = normaliseIdentifiers(trimBags(whole), options);
  const fields: CleanedFields = {};
  for (const bag of CALL_BAGS) {
    const value = cleaned[bag];
    if (isJsonObject(value)) fields[bag] = options.escapeKeys === false ? value : escapeKeys(value);
  }
  for (const field of CLIENT_TIMESTAMP_FIELDS) {
    const value = normaliseTimestamp(whole[field], field);
    if (value !== undefined) fields[field] = value;
  }
  return fields;
}

/** Only the client's free-form objects are trimmed; ids and names are the contract's concern. */
function trimBags(call: JsonObject): JsonObject {
  return CALL_BAGS.reduce<JsonObject>(
    (result, bag: CallBag) => updateAt(result, [bag], trimStrings),
    call,
  );
}

function normaliseIdentifiers(call: JsonObject, options: HygieneOptions): JsonObject {
  const lowercased = EMAIL_PATHS.reduce(
    (result, path) =>
      updateAt(result, path, (email) => (typeof email === 'string' ? email.toLowerCase() : email)),
    call,
  );
  const region = regionOfLocale(valueAt(call, ['context', 'locale'])) ?? options.defaultPhoneRegion;
  return PHONE_PATHS.reduce(
    (result, path) => updateAt(result, path, (phone) => normalisePhone(phone, region, path)),
    lowercased,
  );
}

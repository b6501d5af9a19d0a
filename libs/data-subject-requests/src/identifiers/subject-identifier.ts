import type { Identifier } from '@meridian/contracts';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

/** The identifier types every call may carry; any other type names a context.externalIds type. */
export const STANDARD_IDENTIFIER_TYPES = ['userId', 'anonymousId', 'email', 'phone'] as const;

/**
 * An identifier type: `userId`, `anonymousId`, `email`, `phone`, or the `type` of a
 * `context.externalIds` entry (e.g. `crm_id`).
 */
export const SubjectIdentifierType = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/,
    'expected userId, anonymousId, email, phone or an externalIds type such as "crm_id"',
  );
export type SubjectIdentifierType = z.infer<typeof SubjectIdentifierType>;

/** One identifier of a person as an administrator gives it, before normalisation. */
export const SubjectIdentifier = z.strictObject({
  type: SubjectIdentifierType,
  value: z.string().min(1).max(512),
});
export type SubjectIdentifier = z.infer<typeof SubjectIdentifier>;

export type NormalisedIdentifier =
  | { readonly ok: true; readonly identifier: Identifier }
  | { readonly ok: false; readonly message: string };

/**
 * The form ingestion stores an identifier in, so a suppression or deletion matches what calls
 * carry: emails trimmed and lower-cased, phones in E.164 (national numbers read in `region`,
 * as hygiene does with the configured default), every other value exactly as given, as
 * ingestion keeps ids as sent.
 */
export function normaliseIdentifier(
  identifier: Identifier,
  region?: CountryCode,
): NormalisedIdentifier {
  const { type, value } = identifier;
  if (type === 'email') {
    const email = value.trim().toLowerCase();
    return email.length === 0
      ? { ok: false, message: 'an email must not be blank' }
      : { ok: true, identifier: { type, value: email } };
  }
  if (type === 'phone') {
    const phone = parsePhoneNumberFromString(value.trim(), { defaultCountry: region });
    if (phone === undefined || !phone.isValid()) {
      return {
        ok: false,
        message:
          region === undefined
            ? 'phone must be a valid phone number in international format (+…)'
            : `phone must be a valid phone number (national numbers are read as ${region})`,
      };
    }
    return { ok: true, identifier: { type, value: phone.number } };
  }
  return { ok: true, identifier: { type, value } };
}

/** One key per (type, value), for sets and maps of identifiers. */
export function identifierKey(identifier: Identifier): string {
  return `${identifier.type}\u0000${identifier.value}`;
}

/** The identifiers without repeats, in their first order. */
export function distinctIdentifiers(identifiers: readonly Identifier[]): Identifier[] {
  const byKey = new Map<string, Identifier>();
  for (const identifier of identifiers) {
    const key = identifierKey(identifier);
    if (!byKey.has(key)) byKey.set(key, identifier);
  }
  return [...byKey.values()];
}

/** A problem with one identifier of a request, in parseAdminInput's issue shape. */
export interface IdentifierIssue {
  readonly path: readonly (string | number)[];
  readonly code: 'invalid_identifier';
  readonly message: string;
}

export type NormalisedRequestIdentifiers =
  | { readonly ok: true; readonly identifiers: Identifier[] }
  | { readonly ok: false; readonly issues: IdentifierIssue[] };

/**
 * A request's identifiers in stored form without repeats ("Ada@X.com " and "ada@x.com" are
 * one), or every identifier that cannot be normalised, with its path in the body.
 */
export function normaliseRequestIdentifiers(
  identifiers: readonly Identifier[],
  region?: CountryCode,
): NormalisedRequestIdentifiers {
  const normalised: Identifier[] = [];
  const issues: IdentifierIssue[] = [];
  identifiers.forEach((identifier, index) => {
    const result = normaliseIdentifier(identifier, region);
    if (result.ok) normalised.push(result.identifier);
    else
      issues.push({
        path: ['identifiers', index, 'value'],
        code: 'invalid_identifier',
        message: result.message,
      });
  });
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, identifiers: distinctIdentifiers(normalised) };
}

import { createHash } from 'node:crypto';
import {
  EXTERNAL_ID_PREFIX,
  identifiersNamedBy,
  type Identifier,
  type SegmentCall,
} from '@meridian/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Identifier types identity resolves calls by, strongest first (Segment Unify's defaults);
 * ids from `context.externalIds` come as `external:<type>`, after these.
 */
export const IDENTIFIER_TYPES = ['userId', 'email', 'phone', 'deviceId', 'anonymousId'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** `external:<type>` for an entry of context.externalIds: its type as one safe token. */
export const EXTERNAL_IDENTIFIER_TYPE = /^external:[A-Za-z0-9_.-]{1,48}$/;

const MAX_IDENTIFIER_LENGTH = 512;

/**
 * Values that SDKs and forms send when they have no real identifier: trusting them would merge
 * every person who sent one into one profile, so they are never used to resolve (the call is
 * still processed with its other identifiers). Segment Unify's defaults plus common
 * placeholder emails.
 */
export const BLOCKED_IDENTIFIER_VALUES: readonly RegExp[] = [
  /^[0-]*$/,
  /^-1$/,
  /^(null|undefined|nil|none|n\/a|na|nan|anonymous|unknown|guest|test|0x0)$/i,
  /^(no-?email|none|null|nobody|noreply|no-reply|test|unknown|na|n\/a)@/i,
  /@(none|null|noemail|no-email|test)\.(com|net|org)$/i,
];

export function isBlockedIdentifier(
  identifier: Identifier,
  blocked: readonly RegExp[] = BLOCKED_IDENTIFIER_VALUES,
): boolean {
  return blocked.some((pattern) => pattern.test(identifier.value.trim()));
}

/**
 * The canonical form of an identifier value: emails are trimmed and lower-cased (people type
 * them in any case), phones in E.164 as ingestion stores them; ids are kept exactly as sent.
 */
export function normalizeIdentifier(identifier: Identifier): Identifier {
  if (identifier.type === 'email') {
    return { type: 'email', value: identifier.value.trim().toLowerCase() };
  }
  if (identifier.type === 'phone')
    return { type: 'phone', value: e164OrStripped(identifier.value) };
  return identifier;
}

/**
 * An international number as ingestion writes it ('+44 (0)20 7946 0958', '0044 20…' →
 * '+442079460958'), so lookups and removals typed by people find it. Identity knows no
 * region to read a national number in: one that does not parse is only stripped of spaces
 * and separators, as before, and finds what was stored that way.
 */
function e164OrStripped(value: string): string {
  const stripped = value.replace(/[\s().-]/g, '');
  const international = stripped.startsWith('00') ? `+${stripped.slice(2)}` : value;
  const parsed = parsePhoneNumberFromString(international);
  return parsed !== undefined && parsed.isValid() ? parsed.number : stripped;
}

/**
 * The identifiers identity resolves a call by (identifiersNamedBy), normalised, without
 * blocked, oversized or repeated values, and without external types that are not one safe
 * token.
 */
export function identifiersOfCall(
  call: SegmentCall,
  blocked: readonly RegExp[] = BLOCKED_IDENTIFIER_VALUES,
): Identifier[] {
  const usable: Identifier[] = [];
  for (const identifier of identifiersNamedBy(call).map(normalizeIdentifier)) {
    const { type, value } = identifier;
    if (value.length === 0 || value.length > MAX_IDENTIFIER_LENGTH) continue;
    if (type.startsWith(EXTERNAL_ID_PREFIX) && !EXTERNAL_IDENTIFIER_TYPE.test(type)) continue;
    if (isBlockedIdentifier(identifier, blocked) || containsIdentifier(usable, identifier))
      continue;
    usable.push(identifier);
  }
  return usable;
}

export function sameIdentifier(a: Identifier, b: Identifier): boolean {
  return a.type === b.type && a.value === b.value;
}

export function containsIdentifier(list: readonly Identifier[], identifier: Identifier): boolean {
  return list.some((candidate) => sameIdentifier(candidate, identifier));
}

/** Document id of an identifier index entry; deterministic so claiming it is an upsert. */
export function identifierKey(workspaceId: string, identifier: Identifier): string {
  return `${workspaceId}|${identifier.type}|${identifier.value}`;
}

/**
 * The id of a profile created by an event: derived from the workspace and the event id,
 * so a redelivery after a crash finds the profile it created instead of making another.
 */
export function profileIdFor(workspaceId: string, eventId: string): string {
  const digest = createHash('sha256').update(`${workspaceId}\u0000${eventId}`).digest('hex');
  return `prof_${digest.slice(0, 32)}`;
}

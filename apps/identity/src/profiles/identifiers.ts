import { createHash } from 'node:crypto';
import type { Identifier, SegmentCall } from '@meridian/contracts';

/** Identifier types identity resolves calls by, strongest first. */
export const IDENTIFIER_TYPES = ['userId', 'anonymousId', 'email'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

const MAX_IDENTIFIER_LENGTH = 512;

/**
 * The canonical form of an identifier value: emails are trimmed and lower-cased (people
 * type them in any case); ids are kept exactly as sent.
 */
export function normalizeIdentifier(identifier: Identifier): Identifier {
  if (identifier.type !== 'email') return identifier;
  return { type: 'email', value: identifier.value.trim().toLowerCase() };
}

/** The identifiers a call carries: userId, anonymousId and, on identify, the email trait. */
export function identifiersOfCall(call: SegmentCall): Identifier[] {
  const found: Identifier[] = [];
  if (call.userId) found.push({ type: 'userId', value: call.userId });
  if (call.anonymousId) found.push({ type: 'anonymousId', value: call.anonymousId });
  if (call.type === 'identify') {
    const email = call.traits['email'];
    if (typeof email === 'string') found.push({ type: 'email', value: email });
  }
  return found
    .map(normalizeIdentifier)
    .filter(
      (identifier) =>
        identifier.value.length > 0 && identifier.value.length <= MAX_IDENTIFIER_LENGTH,
    );
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

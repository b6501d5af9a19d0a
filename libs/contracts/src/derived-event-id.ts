import { createHash } from 'node:crypto';

/** Envelope ids (and so Nats-Msg-Ids) are at most this long (EnvelopeHeader.id). */
const MAX_EVENT_ID_LENGTH = 128;

/**
 * The id of an event caused by `incomingId`: the same every time, so a republished copy is
 * dropped by the stream's duplicate window. Over-long ids are hashed to stay within bounds,
 * keeping the suffix readable.
 */
export function derivedEventId(incomingId: string, suffix: string): string {
  const plain = `${incomingId}:${suffix}`;
  if (plain.length <= MAX_EVENT_ID_LENGTH) return plain;
  return `${createHash('sha256').update(incomingId).digest('hex')}:${suffix}`;
}

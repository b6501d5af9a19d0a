import { createHash } from 'node:crypto';

/**
 * An id that is the same every time it is derived from the same parts, so an event
 * republished after a redelivery carries the id of the first copy and the stream's duplicate
 * window drops it. Hashing keeps it within the 128 characters an envelope id may have.
 */
export function deterministicId(prefix: string, ...parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 32);
  return `${prefix}_${digest}`;
}

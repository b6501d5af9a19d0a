import { randomBytes } from 'node:crypto';

/** Bytes of randomness in a generated key: 192 bits, far beyond guessing. */
const KEY_BYTES = 24;

/** A new raw key, e.g. `mak_3q2…`; the prefix tells people which kind of key they hold. */
export function newRawKey(prefix: string): string {
  return `${prefix}${randomBytes(KEY_BYTES).toString('base64url')}`;
}

/**
 * The public id of a key, derived from its hash rather than drawn at random: a key stored
 * before ids existed (write keys seeded earlier) gets the same id every time it is listed,
 * and seeding the same key again is idempotent. 64 bits of a hash reveal nothing usable.
 */
export function keyIdOf(prefix: string, keyHash: string): string {
  return `${prefix}${keyHash.slice(0, 16)}`;
}

import { parseKeyring, PiiCipher } from '@meridian/pii-crypto';
import { ProfilePii } from '../profiles';

/** 32 bytes, base64: fixed keys for specs (never used outside them). */
const KEY_A = Buffer.alloc(32, 'a').toString('base64');
const KEY_B = Buffer.alloc(32, 'b').toString('base64');
const INDEX_KEY = Buffer.alloc(32, 'i').toString('base64');

/** The PII variables of the identity config, for specs that load it from a plain env. */
export const TEST_PII_ENV = {
  PII_ENCRYPTION_KEYS: `spec-a:${KEY_A}`,
  PII_BLIND_INDEX_KEY: INDEX_KEY,
} as const;

/** After a rotation: a new current key, the old one kept for reading. */
export const ROTATED_TEST_PII_ENV = {
  PII_ENCRYPTION_KEYS: `spec-b:${KEY_B},spec-a:${KEY_A}`,
  PII_BLIND_INDEX_KEY: INDEX_KEY,
} as const;

/** A ProfilePii with the spec keys (or the rotated ones). */
export function testProfilePii(
  env: typeof TEST_PII_ENV | typeof ROTATED_TEST_PII_ENV = TEST_PII_ENV,
) {
  return new ProfilePii(
    new PiiCipher(parseKeyring(env.PII_ENCRYPTION_KEYS, env.PII_BLIND_INDEX_KEY)),
  );
}

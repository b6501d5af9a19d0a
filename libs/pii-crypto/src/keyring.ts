import { z } from 'zod';

/** AES-256 keys and the blind-index key are 32 bytes. */
const KEY_BYTES = 32;

const KeyId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a key id is 1-32 letters, digits, _ or -');

const Base64Key = z
  .string()
  .transform((text) => Buffer.from(text, 'base64'))
  .refine((key) => key.length === KEY_BYTES, `a key is ${KEY_BYTES} bytes, base64-encoded`);

/**
 * `PII_ENCRYPTION_KEYS` as configured: `<id>:<base64 key>` entries separated by commas, the
 * first one current (new values are encrypted with it), the others kept to read values
 * written before a rotation.
 */
export const PiiKeyList = z
  .string()
  .min(1, 'at least one key is needed')
  .transform((text, context) => {
    const keys = new Map<string, Buffer>();
    for (const [index, entry] of text.split(',').entries()) {
      const [id = '', encoded = ''] = entry.trim().split(':');
      const parsedId = KeyId.safeParse(id);
      const parsedKey = Base64Key.safeParse(encoded);
      if (!parsedId.success || !parsedKey.success) {
        context.addIssue({
          code: 'custom',
          message: `entry ${index + 1} is not <id>:<32-byte base64 key>`,
        });
        return z.NEVER;
      }
      if (keys.has(id)) {
        context.addIssue({ code: 'custom', message: `key id "${id}" appears twice` });
        return z.NEVER;
      }
      keys.set(id, parsedKey.data);
    }
    return keys;
  });
export type PiiKeyList = z.infer<typeof PiiKeyList>;

/** The keys of one deployment: which encrypts now, which still decrypt, what blind-indexes. */
export interface PiiKeyring {
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
  /**
   * Keys the blind indexes (HMAC). It never rotates with the encryption keys: a new one would
   * change every index value, which means rebuilding the index, not re-encrypting values.
   */
  readonly blindIndexKey: Buffer;
}

/** `PII_BLIND_INDEX_KEY` as configured: one 32-byte key, base64-encoded. */
export const PiiBlindIndexKey = Base64Key;
export type PiiBlindIndexKey = z.infer<typeof PiiBlindIndexKey>;

/** The keyring of parsed keys: the first of `keys` is current. */
export function keyringOf(keys: PiiKeyList, blindIndexKey: PiiBlindIndexKey): PiiKeyring {
  const [currentKeyId] = keys.keys();
  if (currentKeyId === undefined) throw new RangeError('at least one key is needed');
  return { currentKeyId, keys, blindIndexKey };
}

/** Builds a keyring from the two configured strings; throws a ZodError naming what is wrong. */
export function parseKeyring(encryptionKeys: string, blindIndexKey: string): PiiKeyring {
  return keyringOf(PiiKeyList.parse(encryptionKeys), PiiBlindIndexKey.parse(blindIndexKey));
}

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PiiKeyring } from './keyring';

/** Marks the token format, so a later format can be told apart. */
const FORMAT = 'pii1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A token that cannot be decrypted: tampered with, for another record, or by an unknown key. */
export class PiiDecryptionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PiiDecryptionError';
  }
}

/**
 * Encrypts PII fields at rest with AES-256-GCM and computes HMAC-SHA256 blind indexes for
 * looking them up without decrypting. A token is `pii1.<keyId>.<iv>.<ciphertext>.<tag>`
 * (base64url), so it names the key that wrote it and survives rotations. The associated data
 * (e.g. workspace, profile and field) is authenticated, not stored: a token copied to another
 * record or field does not decrypt there.
 */
export class PiiCipher {
  constructor(private readonly keyring: PiiKeyring) {}

  /** The key new values are encrypted with. */
  get currentKeyId(): string {
    return this.keyring.currentKeyId;
  }

  encrypt(plaintext: string, associatedData: string): string {
    const keyId = this.keyring.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyOf(keyId), iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, keyId, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(token: string, associatedData: string): string {
    const { keyId, iv, ciphertext, tag } = partsOf(token);
    const decipher = createDecipheriv('aes-256-gcm', this.keyOf(keyId), iv);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      // GCM says only "unable to authenticate": the reason is one of these, never the key.
      throw new PiiDecryptionError(
        'the token does not authenticate: tampered with, or written for another record or field',
        { cause: error },
      );
    }
  }

  /** Written with a key other than the current one: re-encrypt it (rotate). */
  needsRotation(token: string): boolean {
    return partsOf(token).keyId !== this.keyring.currentKeyId;
  }

  /** The same value under the current key; unchanged when already current. */
  rotate(token: string, associatedData: string): string {
    if (!this.needsRotation(token)) return token;
    return this.encrypt(this.decrypt(token, associatedData), associatedData);
  }

  /**
   * Deterministic index value of a normalised identifier (e.g. a lower-cased email), keyed so
   * the index reveals nothing without the key, and separated by type so equal values of
   * different types never collide.
   */
  blindIndex(type: string, normalisedValue: string): string {
    return createHmac('sha256', this.keyring.blindIndexKey)
      .update(`${type}\u0000${normalisedValue}`, 'utf8')
      .digest('base64url');
  }

  private keyOf(keyId: string): Buffer {
    const key = this.keyring.keys.get(keyId);
    if (key === undefined) {
      throw new PiiDecryptionError(`no key "${keyId}" in the keyring: was it removed too early?`);
    }
    return key;
  }
}

function partsOf(token: string) {
  const [format, keyId = '', iv = '', ciphertext = '', tag = '', ...extra] = token.split('.');
  const bytes = (part: string) => Buffer.from(part, 'base64url');
  if (format !== FORMAT || extra.length > 0 || bytes(iv).length !== IV_BYTES) {
    throw new PiiDecryptionError('not a PII token');
  }
  if (bytes(tag).length !== TAG_BYTES) throw new PiiDecryptionError('not a PII token');
  return { keyId, iv: bytes(iv), ciphertext: bytes(ciphertext), tag: bytes(tag) };
}

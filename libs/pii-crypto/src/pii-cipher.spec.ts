import { randomBytes } from 'node:crypto';
import { parseKeyring } from './keyring';
import { PiiCipher, PiiDecryptionError } from './pii-cipher';

const key = () => randomBytes(32).toString('base64');
const k1 = key();
const k2 = key();
const indexKey = key();
const AAD = 'ws_1|prof_1|email';

describe('PiiCipher', () => {
  const cipher = new PiiCipher(parseKeyring(`k1:${k1}`, indexKey));

  it('decrypts what it encrypted, and never writes the plaintext', () => {
    const token = cipher.encrypt('ann@example.com', AAD);

    expect(token).toMatch(/^pii1\.k1\./);
    expect(token).not.toContain('ann');
    expect(cipher.decrypt(token, AAD)).toBe('ann@example.com');
  });

  it('encrypts the same value differently every time', () => {
    expect(cipher.encrypt('x', AAD)).not.toBe(cipher.encrypt('x', AAD));
  });

  it('refuses a token moved to another record or field', () => {
    const token = cipher.encrypt('ann@example.com', AAD);

    expect(() => cipher.decrypt(token, 'ws_1|prof_2|email')).toThrow(PiiDecryptionError);
  });

  it('refuses a tampered token', () => {
    const [format, keyId, iv, ciphertext = '', tag] = cipher.encrypt('ann', AAD).split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const tampered = [format, keyId, iv, flipped.toString('base64url'), tag].join('.');

    expect(() => cipher.decrypt(tampered, AAD)).toThrow(PiiDecryptionError);
    expect(() => cipher.decrypt('plain text', AAD)).toThrow('not a PII token');
  });

  it('reads values of an older key after a rotation and re-encrypts them with the new one', () => {
    const old = cipher.encrypt('+442079460958', AAD);
    const rotated = new PiiCipher(parseKeyring(`k2:${k2},k1:${k1}`, indexKey));

    expect(rotated.needsRotation(old)).toBe(true);
    const renewed = rotated.rotate(old, AAD);
    expect(renewed).toMatch(/^pii1\.k2\./);
    expect(rotated.needsRotation(renewed)).toBe(false);
    expect(rotated.decrypt(renewed, AAD)).toBe('+442079460958');
    expect(rotated.rotate(renewed, AAD)).toBe(renewed);
  });

  it('names the missing key when the one that wrote a token was removed', () => {
    const token = cipher.encrypt('x', AAD);
    const without = new PiiCipher(parseKeyring(`k2:${k2}`, indexKey));

    expect(() => without.decrypt(token, AAD)).toThrow(/no key "k1"/);
  });

  it('indexes a value the same way every time, apart per type and per index key', () => {
    const other = new PiiCipher(parseKeyring(`k1:${k1}`, key()));

    expect(cipher.blindIndex('email', 'a@b.c')).toBe(cipher.blindIndex('email', 'a@b.c'));
    expect(cipher.blindIndex('email', 'a@b.c')).not.toBe(cipher.blindIndex('userId', 'a@b.c'));
    expect(cipher.blindIndex('email', 'a@b.c')).not.toBe(other.blindIndex('email', 'a@b.c'));
    expect(cipher.blindIndex('email', 'a@b.c')).not.toContain('a@b.c');
  });
});

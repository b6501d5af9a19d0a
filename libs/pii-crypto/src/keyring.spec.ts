import { randomBytes } from 'node:crypto';
import { parseKeyring } from './keyring';

const key = (bytes = 32) => randomBytes(bytes).toString('base64');

describe('parseKeyring', () => {
  it('makes the first configured key the current one and keeps the others for reading', () => {
    const keyring = parseKeyring(`new:${key()}, old:${key()}`, key());

    expect(keyring.currentKeyId).toBe('new');
    expect([...keyring.keys.keys()]).toEqual(['new', 'old']);
  });

  it.each([
    ['an empty list', ''],
    ['a key of the wrong size', `k1:${key(16)}`],
    ['an entry without an id', key()],
    ['an id used twice', `k1:${key()},k1:${key()}`],
    ['an id with a dot', `k.1:${key()}`],
  ])('refuses %s', (_case, keys) => {
    expect(() => parseKeyring(keys, key())).toThrow();
  });

  it('refuses a blind-index key of the wrong size', () => {
    expect(() => parseKeyring(`k1:${key()}`, key(8))).toThrow(/32 bytes/);
  });
});

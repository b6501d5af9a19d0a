import { writeKeyFromBasicAuth, writeKeyFromBearer, writeKeyOf } from './write-key-credentials';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('writeKeyFromBasicAuth', () => {
  it('reads the write key from the user name with an empty password', () => {
    expect(writeKeyFromBasicAuth(basic('wk_123:'))).toBe('wk_123');
  });

  it('accepts a header without the colon and any case of the scheme', () => {
    expect(writeKeyFromBasicAuth(`basic ${Buffer.from('wk_123').toString('base64')}`)).toBe(
      'wk_123',
    );
  });

  it('ignores other schemes, an empty user name and a missing header', () => {
    expect(writeKeyFromBasicAuth('Bearer wk_123')).toBeNull();
    expect(writeKeyFromBasicAuth(basic(':password'))).toBeNull();
    expect(writeKeyFromBasicAuth('Basic')).toBeNull();
    expect(writeKeyFromBasicAuth(undefined)).toBeNull();
  });
});

describe('writeKeyFromBearer', () => {
  it('reads the token of a Bearer header as the write key, in any case of the scheme', () => {
    expect(writeKeyFromBearer('Bearer wk_123')).toBe('wk_123');
    expect(writeKeyFromBearer('bearer wk_123 ')).toBe('wk_123');
  });

  it('ignores other schemes, an empty token and a missing header', () => {
    expect(writeKeyFromBearer(basic('wk_123:'))).toBeNull();
    expect(writeKeyFromBearer('Bearer ')).toBeNull();
    expect(writeKeyFromBearer(undefined)).toBeNull();
  });
});

describe('writeKeyOf', () => {
  it('takes the key from the body when no header carries one', () => {
    expect(writeKeyOf(undefined, { writeKey: 'wk_body' })).toEqual({
      found: true,
      writeKey: 'wk_body',
    });
  });

  it('takes the key from a Basic or a Bearer header', () => {
    expect(writeKeyOf(basic('wk_basic:'), {})).toEqual({ found: true, writeKey: 'wk_basic' });
    expect(writeKeyOf('Bearer wk_bearer', {})).toEqual({ found: true, writeKey: 'wk_bearer' });
  });

  it('accepts a header and a body naming the same key', () => {
    expect(writeKeyOf('Bearer wk_same', { writeKey: 'wk_same' })).toEqual({
      found: true,
      writeKey: 'wk_same',
    });
  });

  it('finds no key when a header and the body name different keys', () => {
    expect(writeKeyOf('Bearer wk_header', { writeKey: 'wk_body' })).toMatchObject({
      found: false,
      reason: expect.stringContaining('different write keys'),
    });
    expect(writeKeyOf(basic('wk_header:'), { writeKey: 'wk_body' })).toMatchObject({
      found: false,
    });
  });

  it('finds none when neither carries a key', () => {
    expect(writeKeyOf(undefined, { writeKey: 42 })).toMatchObject({ found: false });
  });
});

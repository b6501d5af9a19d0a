import { writeKeyFromBasicAuth, writeKeyOf } from './write-key-credentials';

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

describe('writeKeyOf', () => {
  it('falls back to writeKey in the body', () => {
    expect(writeKeyOf(undefined, { writeKey: 'wk_body' })).toBe('wk_body');
  });

  it('prefers the header over the body', () => {
    expect(writeKeyOf(basic('wk_header:'), { writeKey: 'wk_body' })).toBe('wk_header');
  });

  it('finds none when neither carries a key', () => {
    expect(writeKeyOf(undefined, { writeKey: 42 })).toBeNull();
  });
});

import { ConfigError } from '@meridian/config';
import { loadIdentityConfig, piiKeyringOf, profileApiOptionsOf } from './config';
import { TEST_PII_ENV } from './test-support/pii';

describe('loadIdentityConfig', () => {
  it('owns every partition, listens on 8081 (HTTP) and 50052 (gRPC) by default', () => {
    const config = loadIdentityConfig({ ...TEST_PII_ENV, MERIDIAN_PARTITIONS: '4' });

    expect(config.OWNED_PARTITIONS).toEqual([0, 1, 2, 3]);
    expect(config.HTTP_PORT).toBe(8081);
    expect(config.GRPC_PORT).toBe(50052);
  });

  it('owns only the listed partitions when OWNED_PARTITIONS is set', () => {
    expect(
      loadIdentityConfig({ ...TEST_PII_ENV, OWNED_PARTITIONS: '1,3-4' }).OWNED_PARTITIONS,
    ).toEqual([1, 3, 4]);
  });

  it('refuses owned partitions beyond MERIDIAN_PARTITIONS', () => {
    const attempt = () =>
      loadIdentityConfig({ ...TEST_PII_ENV, MERIDIAN_PARTITIONS: '2', OWNED_PARTITIONS: '0-3' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/OWNED_PARTITIONS: partitions 2,3 do not exist/);
  });

  it('caches 10,000 profiles for 5 s and searches email and plan by default', () => {
    const options = profileApiOptionsOf(loadIdentityConfig({ ...TEST_PII_ENV }), 'identity');

    expect(options).toEqual({
      serviceName: 'identity',
      cache: { maxEntries: 10_000, maxAgeMs: 5_000 },
      searchableTraits: ['email', 'plan'],
    });
  });

  it('reads the cache size, its age and the searchable traits from the environment', () => {
    const config = loadIdentityConfig({
      ...TEST_PII_ENV,
      PROFILE_CACHE_MAX_ENTRIES: '0',
      PROFILE_CACHE_MAX_AGE_MS: '250',
      PROFILE_SEARCH_TRAITS: ' plan, company_size ,plan,',
    });

    expect(profileApiOptionsOf(config, 'identity')).toMatchObject({
      cache: { maxEntries: 0, maxAgeMs: 250 },
      searchableTraits: ['plan', 'company_size'],
    });
  });

  it('refuses a searchable trait that is not a plain top-level key', () => {
    const attempt = () =>
      loadIdentityConfig({ ...TEST_PII_ENV, PROFILE_SEARCH_TRAITS: 'address.city' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PROFILE_SEARCH_TRAITS/);
  });

  it('reads the PII keys: the first encryption key is current, the others still decrypt', () => {
    const config = loadIdentityConfig({
      PII_ENCRYPTION_KEYS: `new:${Buffer.alloc(32, 1).toString('base64')},old:${Buffer.alloc(32, 2).toString('base64')}`,
      PII_BLIND_INDEX_KEY: TEST_PII_ENV.PII_BLIND_INDEX_KEY,
    });
    const keyring = piiKeyringOf(config);

    expect(keyring.currentKeyId).toBe('new');
    expect([...keyring.keys.keys()]).toEqual(['new', 'old']);
  });

  it('refuses to start without PII keys, or with a key that is not 32 bytes', () => {
    expect(() => loadIdentityConfig({})).toThrow(/PII_ENCRYPTION_KEYS/);
    expect(() =>
      loadIdentityConfig({ ...TEST_PII_ENV, PII_ENCRYPTION_KEYS: 'short:c2hvcnQ=' }),
    ).toThrow(/PII_ENCRYPTION_KEYS: entry 1 is not <id>:<32-byte base64 key>/);
    expect(() => loadIdentityConfig({ ...TEST_PII_ENV, PII_BLIND_INDEX_KEY: 'c2hvcnQ=' })).toThrow(
      /PII_BLIND_INDEX_KEY/,
    );
  });
});

import { platformEnv } from '@meridian/config';
import { namespaceEnv } from './namespace-env';

const namespace = {
  name: 'orders_1a2b3c4d',
  partitions: 4,
  infra: { natsUrl: 'nats://127.0.0.1:1', mongoUrl: 'mongodb://127.0.0.1:2' },
};

describe('namespaceEnv', () => {
  it('points a service at the namespace, its database and its partitions', () => {
    expect(namespaceEnv(namespace)).toEqual({
      NATS_URL: 'nats://127.0.0.1:1',
      MONGO_URL: 'mongodb://127.0.0.1:2',
      MONGO_DB: 'orders_1a2b3c4d',
      MERIDIAN_NAMESPACE: 'orders_1a2b3c4d',
      MERIDIAN_PARTITIONS: '4',
      LOG_LEVEL: 'warn',
      PII_ENCRYPTION_KEYS: expect.stringMatching(/^test:[A-Za-z0-9+/]{43}=$/),
      PII_BLIND_INDEX_KEY: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
  });

  it('gives each namespace PII keys of its own, the same on every call', () => {
    const other = namespaceEnv({ ...namespace, name: 'orders_ffffffff' });

    expect(namespaceEnv(namespace).PII_ENCRYPTION_KEYS).toBe(
      namespaceEnv(namespace).PII_ENCRYPTION_KEYS,
    );
    expect(other.PII_ENCRYPTION_KEYS).not.toBe(namespaceEnv(namespace).PII_ENCRYPTION_KEYS);
    expect(other.PII_BLIND_INDEX_KEY).not.toBe(namespaceEnv(namespace).PII_BLIND_INDEX_KEY);
  });

  it('adds service variables and lets them override the defaults', () => {
    expect(namespaceEnv(namespace, { SMTP_URL: 'smtp://x', LOG_LEVEL: 'silent' })).toMatchObject({
      SMTP_URL: 'smtp://x',
      LOG_LEVEL: 'silent',
      MONGO_DB: 'orders_1a2b3c4d',
    });
  });

  it('is what the platform config reads, with nothing left to its defaults', () => {
    expect(platformEnv.parse(namespaceEnv(namespace))).toEqual({
      NATS_URL: 'nats://127.0.0.1:1',
      MONGO_URL: 'mongodb://127.0.0.1:2',
      MONGO_DB: 'orders_1a2b3c4d',
      MERIDIAN_NAMESPACE: 'orders_1a2b3c4d',
      MERIDIAN_PARTITIONS: 4,
      LOG_LEVEL: 'warn',
    });
  });
});

import { createHash } from 'node:crypto';
import type { TestInfra } from '@meridian/testing';

/** What a service needs to know to run in a suite's namespace. */
export interface NamespaceEnvInput {
  readonly name: string;
  readonly partitions: number;
  readonly infra: TestInfra;
}

/**
 * The platform variables of a service in the namespace (its database is named after it), at
 * log level warn so spec output stays readable, and PII keys of the namespace's own (identity
 * requires them; derived from the name, so every process of a suite shares them); `extra`
 * adds service variables or overrides.
 */
export function namespaceEnv(
  namespace: NamespaceEnvInput,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    NATS_URL: namespace.infra.natsUrl,
    MONGO_URL: namespace.infra.mongoUrl,
    MONGO_DB: namespace.name,
    MERIDIAN_NAMESPACE: namespace.name,
    MERIDIAN_PARTITIONS: String(namespace.partitions),
    LOG_LEVEL: 'warn',
    PII_ENCRYPTION_KEYS: `test:${keyOf(namespace.name, 'encryption')}`,
    PII_BLIND_INDEX_KEY: keyOf(namespace.name, 'blind-index'),
    ...extra,
  };
}

/** A 32-byte key (base64) for a namespace and purpose; for tests only, never secret. */
function keyOf(namespace: string, purpose: string): string {
  return createHash('sha256').update(`${namespace}\u0000${purpose}`).digest('base64');
}

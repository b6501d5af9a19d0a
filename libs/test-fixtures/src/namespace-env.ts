import type { TestInfra } from '@meridian/testing';

/** What a service needs to know to run in a suite's namespace. */
export interface NamespaceEnvInput {
  readonly name: string;
  readonly partitions: number;
  readonly infra: TestInfra;
}

/**
 * The platform variables of a service in the namespace (its database is named after it), at
 * log level warn so spec output stays readable; `extra` adds service variables or overrides.
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
    ...extra,
  };
}

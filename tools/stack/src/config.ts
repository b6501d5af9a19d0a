import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { envInt } from '@meridian/config';
import { z } from 'zod';
import { DEV_INFRA, SMTP_CAPTURE, type ServiceName } from './services';

const port = envInt(1, 65535);

/**
 * What `stack up` reads from its environment; every value has a local default. The services'
 * port overrides (INGESTION_PORT...) are read by servicePorts() in services.ts.
 */
export const stackEnv = z.object({
  /** When set, mail goes there and no capture server is started. */
  SMTP_URL: z.string().url().optional(),
  [SMTP_CAPTURE.smtpPortEnv]: port.default(SMTP_CAPTURE.smtpPort),
  [SMTP_CAPTURE.httpPortEnv]: port.default(SMTP_CAPTURE.httpPort),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  JOURNEYS_FILE: z.string().min(1).default('apps/orchestration/journeys/welcome.json'),
  MERIDIAN_WRITE_KEY: z.string().min(1).default('local-dev-key'),
  /** The local workspace, and its installation-wide owner key for the admin and profile APIs. */
  MERIDIAN_WORKSPACE_ID: z.string().min(1).max(64).default('local'),
  MERIDIAN_ADMIN_KEY: z.string().min(1).default('local-admin-key'),
  /**
   * identity's PII keys (docs/pii-at-rest.md). The defaults are fixed keys for local data only:
   * anyone with this repository can decrypt what a local stack stored with them.
   */
  PII_ENCRYPTION_KEYS: z
    .string()
    .min(1)
    .default(`local:${localKey('encryption')}`),
  PII_BLIND_INDEX_KEY: z.string().min(1).default(localKey('blind-index')),
  MERIDIAN_PARTITIONS: envInt(1, 1024).default(8),
  STACK_READY_TIMEOUT_MS: envInt(1_000, 600_000).default(120_000),
});
export type StackConfig = z.infer<typeof stackEnv>;

/** A 32-byte key (base64) derived from its purpose: the local stack's, never a secret. */
function localKey(purpose: string): string {
  return createHash('sha256').update(`meridian-local-stack\u0000${purpose}`).digest('base64');
}

/** The environment of the invoking shell, handed on to children (PATH, HOME, LOG_LEVEL...). */
export const inheritedEnv = z.object({}).catchall(z.string());
export type ChildEnv = Readonly<Record<string, string>>;

export interface StackLayout {
  readonly root: string;
  /** .data/dev: pid files, logs, captured mail, spans. */
  readonly dataDir: string;
}

export function layoutFor(root: string): StackLayout {
  return { root, dataDir: join(root, '.data', 'dev') };
}

export function smtpUrlOf(config: StackConfig): string {
  return config.SMTP_URL ?? `smtp://127.0.0.1:${config[SMTP_CAPTURE.smtpPortEnv]}`;
}

/**
 * SWC reads the tsconfig named here: decorator metadata for NestJS and the @meridian/* paths
 * come from it. Without one, @swc-node/register compiles with bare defaults.
 */
export function swcProject(root: string, projectDir: string): ChildEnv {
  const tsconfig = join(root, projectDir, 'tsconfig.json');
  return existsSync(tsconfig) ? { SWC_NODE_PROJECT: tsconfig } : {};
}

/** What every platform process of the local stack shares: the dev infra and namespace. */
function platformEnvFor(config: StackConfig): ChildEnv {
  return {
    NATS_URL: DEV_INFRA.natsUrl,
    MONGO_URL: DEV_INFRA.mongoUrl,
    MONGO_DB: 'meridian',
    MERIDIAN_NAMESPACE: 'meridian',
    MERIDIAN_PARTITIONS: String(config.MERIDIAN_PARTITIONS),
  };
}

/** tools/cli's environment: provisioning, indexes and the local workspace's write key. */
export function cliEnv(config: StackConfig, layout: StackLayout, inherited: ChildEnv): ChildEnv {
  return {
    ...inherited,
    ...swcProject(layout.root, 'tools/cli'),
    ...platformEnvFor(config),
    MERIDIAN_WRITE_KEY: config.MERIDIAN_WRITE_KEY,
    MERIDIAN_WORKSPACE_ID: config.MERIDIAN_WORKSPACE_ID,
    MERIDIAN_ADMIN_KEY: config.MERIDIAN_ADMIN_KEY,
  };
}

/** One service's environment on top of the inherited one. */
export function serviceEnv(
  name: ServiceName,
  httpPort: number,
  config: StackConfig,
  layout: StackLayout,
  inherited: ChildEnv,
): ChildEnv {
  return {
    ...inherited,
    ...swcProject(layout.root, `apps/${name}`),
    ...platformEnvFor(config),
    HTTP_PORT: String(httpPort),
    JOURNEYS_FILE: resolve(layout.root, config.JOURNEYS_FILE),
    MERIDIAN_SPAN_FILE: join(layout.dataDir, 'spans.jsonl'),
    ...(name === 'sender-email' ? { SMTP_URL: smtpUrlOf(config) } : {}),
    ...(name === 'identity'
      ? {
          PII_ENCRYPTION_KEYS: config.PII_ENCRYPTION_KEYS,
          PII_BLIND_INDEX_KEY: config.PII_BLIND_INDEX_KEY,
        }
      : {}),
    ...(config.OTEL_EXPORTER_OTLP_ENDPOINT
      ? { OTEL_EXPORTER_OTLP_ENDPOINT: config.OTEL_EXPORTER_OTLP_ENDPOINT }
      : {}),
  };
}

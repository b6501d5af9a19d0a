import {
  envBool,
  envInt,
  httpPort,
  loadConfig,
  platformEnv,
  type Environment,
} from '@meridian/config';
import {
  DEFAULT_DELETION_CONFIRMERS,
  ServiceNameList,
  type DataSubjectRequestSettings,
} from '@meridian/data-subject-requests';
import { isPhoneRegion, MissingConsentPolicy } from '@meridian/ingest-governance';
import { z } from 'zod';
import type { GrpcSettings } from './grpc';
import type { IngestSettings } from './ingest';
import { PublicUrl, type SdkSettingsOptions } from './sdk-settings';

const HOUR_MS = 3_600_000;

/** Everything ingestion reads from the environment. */
export const IngestionConfig = platformEnv.extend({
  ...httpPort(8080).shape,
  /** Port of the gRPC IngestService (meridian.ingest.v1); 0 picks a free one (specs). */
  GRPC_PORT: envInt(0, 65_535).default(50_051),
  /** Events per second each (workspace, source) may send, refilling its token bucket. */
  INGEST_RATE_LIMIT_PER_SECOND: envInt(1, 10_000_000).default(5_000),
  /** Events a (workspace, source) may send at once after a quiet period. */
  INGEST_RATE_LIMIT_BURST: envInt(1, 100_000_000).default(10_000),
  /**
   * How long a (workspace, messageId) is remembered to drop resent calls; at least 24 hours.
   * The KV bucket's TTL (provisioning) must be at least as long; the registry's is 25 hours.
   */
  INGEST_DEDUPE_WINDOW_HOURS: envInt(24, 24 * 90).default(25),
  /** What to do with a call that carries no consent object: accept, accept-unconsented, refuse. */
  INGEST_MISSING_CONSENT_POLICY: MissingConsentPolicy.default('accept'),
  /** Country (ISO 3166 alpha-2) national phone numbers are read in when the locale names none. */
  INGEST_DEFAULT_PHONE_REGION: z
    .string()
    .refine(isPhoneRegion, 'expected a country code such as DE or US')
    .optional(),
  /**
   * Whether this instance serves the admin API under /admin/v1; turn it off on instances
   * that face the internet only for ingest.
   */
  ADMIN_API_ENABLED: envBool.default(true),
  /**
   * The services whose confirmations complete a data-subject deletion (SUPPRESS_WITH_DELETE,
   * DELETE_ONLY), comma-separated; each publishes DataSubjectDeletionConfirmedV1 once it has
   * deleted the person. Empty: deletions complete once published.
   */
  DATA_SUBJECT_DELETION_CONFIRMERS: ServiceNameList.default([...DEFAULT_DELETION_CONFIRMERS]),
  /**
   * The http(s) URL browsers reach this ingestion at (an optional path prefix included), e.g.
   * https://ingest.example.com: the settings analytics.js loads from
   * /v1/projects/{writeKey}/settings send its calls there. Unset: each request's Host header,
   * with https only when this process terminates TLS; set it behind a proxy or balancer.
   */
  INGEST_PUBLIC_URL: PublicUrl.optional(),
});
export type IngestionConfig = z.infer<typeof IngestionConfig>;

export const INGESTION_SERVICE_NAME = 'ingestion';

export function loadIngestionConfig(env?: Environment): IngestionConfig {
  return loadConfig(IngestionConfig, env);
}

/** The ingest feature's settings from the service config. */
export function ingestSettingsOf(config: IngestionConfig): IngestSettings {
  return {
    partitions: config.MERIDIAN_PARTITIONS,
    rateLimit: {
      ratePerSecond: config.INGEST_RATE_LIMIT_PER_SECOND,
      burst: config.INGEST_RATE_LIMIT_BURST,
    },
    dedupeWindowMs: config.INGEST_DEDUPE_WINDOW_HOURS * HOUR_MS,
    governance: {
      missingConsentPolicy: config.INGEST_MISSING_CONSENT_POLICY,
      trackingPlan: null,
      defaultPhoneRegion: phoneRegionOf(config.INGEST_DEFAULT_PHONE_REGION),
    },
  };
}

/** The data-subject requests feature's settings from the service config. */
export function dataSubjectRequestSettingsOf(config: IngestionConfig): DataSubjectRequestSettings {
  return {
    deletionConfirmers: config.DATA_SUBJECT_DELETION_CONFIRMERS,
    defaultPhoneRegion: phoneRegionOf(config.INGEST_DEFAULT_PHONE_REGION),
  };
}

/** The analytics.js settings feature's options from the service config. */
export function sdkSettingsOf(config: IngestionConfig): SdkSettingsOptions {
  return { publicUrl: config.INGEST_PUBLIC_URL ?? null };
}

/** How long closing the gRPC server waits for calls in flight. */
const GRPC_SHUTDOWN_GRACE_MS = 10_000;

/** The gRPC server's settings from the service config. */
export function grpcSettingsOf(config: IngestionConfig): GrpcSettings {
  return { port: config.GRPC_PORT, shutdownGraceMs: GRPC_SHUTDOWN_GRACE_MS };
}

function phoneRegionOf(value: string | undefined) {
  return value !== undefined && isPhoneRegion(value) ? value : undefined;
}

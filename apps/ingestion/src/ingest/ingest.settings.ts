import type { GovernanceSettings } from '@meridian/ingest-governance';
import type { RateLimit } from '../rate-limit';

/** What the ingest feature needs from the service config; provided by the app module. */
export interface IngestSettings {
  /** MERIDIAN_PARTITIONS: the number of profile partitions calls are spread over. */
  readonly partitions: number;
  /** INGEST_RATE_LIMIT_PER_SECOND and INGEST_RATE_LIMIT_BURST, per (workspace, source), in events. */
  readonly rateLimit: RateLimit;
  /** INGEST_DEDUPE_WINDOW_HOURS in milliseconds: how long a messageId is remembered. */
  readonly dedupeWindowMs: number;
  /** Consent policy and phone region every workspace's calls are governed by, for now. */
  readonly governance: GovernanceSettings;
}

export const INGEST_SETTINGS = Symbol('meridian.ingestion.settings');

import {
  envInt,
  httpPort,
  loadConfig,
  ownedPartitionsEnv,
  platformEnv,
  resolveOwnedPartitions,
  type Environment,
} from '@meridian/config';
import { keyringOf, PiiBlindIndexKey, PiiKeyList, type PiiKeyring } from '@meridian/pii-crypto';
import { z } from 'zod';
import type { GrpcSettings } from './grpc';
import { TraitNameList, type ProfileApiOptions } from './profile-api';

/**
 * The identity service's configuration; OWNED_PARTITIONS defaults to every partition, and an
 * owned partition must exist.
 */
export const IdentityConfig = platformEnv
  .extend(httpPort(8081).shape)
  .extend({
    ...ownedPartitionsEnv,
    /** Port of the gRPC ProfileService (meridian.profile.v1); 0 picks a free one (specs). */
    GRPC_PORT: envInt(0, 65_535).default(50_052),
    /**
     * Golden records the profile API keeps in memory (least recently read evicted first), and
     * as many identifier → profile mappings; 0 turns the cache off.
     */
    PROFILE_CACHE_MAX_ENTRIES: envInt(0, 1_000_000).default(10_000),
    /**
     * How long a cached profile is served at most. Entries are dropped as soon as the
     * profile's profile.updated arrives; this bounds staleness when an event is missed.
     */
    PROFILE_CACHE_MAX_AGE_MS: envInt(0, 3_600_000).default(5_000),
    /**
     * Traits GET /v1/profiles/search may search by, comma-separated; each gets an index on
     * the profiles collection, so list only those worth one.
     */
    PROFILE_SEARCH_TRAITS: z.string().default('email,plan').pipe(TraitNameList),
    /**
     * AES-256-GCM keys that encrypt PII at rest (email, phone, names, birthday, address):
     * `<id>:<base64 32-byte key>` entries, comma-separated, the current one first. To rotate,
     * put a new key first and keep the older ones until `meridian pii rotate` re-encrypted every
     * record (docs/pii-at-rest.md).
     */
    PII_ENCRYPTION_KEYS: PiiKeyList,
    /** HMAC-SHA256 key of the blind indexes PII is looked up by (32 bytes, base64); never rotated. */
    PII_BLIND_INDEX_KEY: PiiBlindIndexKey,
  })
  .transform(resolveOwnedPartitions);
export type IdentityConfig = z.infer<typeof IdentityConfig>;

export function loadIdentityConfig(env?: Environment): IdentityConfig {
  return loadConfig(IdentityConfig, env);
}

/** The PII keyring from the service config. */
export function piiKeyringOf(config: IdentityConfig): PiiKeyring {
  return keyringOf(config.PII_ENCRYPTION_KEYS, config.PII_BLIND_INDEX_KEY);
}

/** The profile API's options from the service config. */
export function profileApiOptionsOf(
  config: IdentityConfig,
  serviceName: string,
): ProfileApiOptions {
  return {
    serviceName,
    cache: {
      maxEntries: config.PROFILE_CACHE_MAX_ENTRIES,
      maxAgeMs: config.PROFILE_CACHE_MAX_AGE_MS,
    },
    searchableTraits: config.PROFILE_SEARCH_TRAITS,
  };
}

/** How long closing the gRPC server waits for calls in flight. */
const GRPC_SHUTDOWN_GRACE_MS = 10_000;

/** The gRPC server's settings from the service config. */
export function grpcSettingsOf(config: IdentityConfig): GrpcSettings {
  return { port: config.GRPC_PORT, shutdownGraceMs: GRPC_SHUTDOWN_GRACE_MS };
}

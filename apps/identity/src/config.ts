import {
  httpPort,
  loadConfig,
  ownedPartitionsEnv,
  platformEnv,
  resolveOwnedPartitions,
  type Environment,
} from '@meridian/config';
import { z } from 'zod';

/**
 * The identity service's configuration; OWNED_PARTITIONS defaults to every partition, and an
 * owned partition must exist.
 */
export const IdentityConfig = platformEnv
  .extend(httpPort(8081).shape)
  .extend({
    ...ownedPartitionsEnv,
    /** Workspace a profile API request reads when it sends no X-Meridian-Workspace header. */
    DEFAULT_WORKSPACE_ID: z.string().min(1).max(64).default('local'),
  })
  .transform(resolveOwnedPartitions);
export type IdentityConfig = z.infer<typeof IdentityConfig>;

export function loadIdentityConfig(env?: Environment): IdentityConfig {
  return loadConfig(IdentityConfig, env);
}

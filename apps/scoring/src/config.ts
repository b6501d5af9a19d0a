import {
  httpPort,
  loadConfig,
  ownedPartitionsEnv,
  platformEnv,
  resolveOwnedPartitions,
  type Environment,
} from '@meridian/config';
import { z } from 'zod';

export const SCORING_SERVICE_NAME = 'scoring';

/**
 * Everything scoring reads from the environment. OWNED_PARTITIONS (e.g. "0-3") are the
 * partitions this instance consumes; all of them when unset, as for a single instance.
 */
export const ScoringConfig = platformEnv
  .extend(httpPort(8082).shape)
  .extend(ownedPartitionsEnv)
  .transform(resolveOwnedPartitions);
export type ScoringConfig = z.infer<typeof ScoringConfig>;

export function loadScoringConfig(env?: Environment): ScoringConfig {
  return loadConfig(ScoringConfig, env);
}

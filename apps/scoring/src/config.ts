import {
  httpPort,
  loadConfig,
  partitionList,
  platformEnv,
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
  .extend({ OWNED_PARTITIONS: partitionList.optional() })
  .transform((config, ctx) => {
    const owned = config.OWNED_PARTITIONS ?? allPartitions(config.MERIDIAN_PARTITIONS);
    const outside = owned.filter((partition) => partition >= config.MERIDIAN_PARTITIONS);
    if (outside.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['OWNED_PARTITIONS'],
        message: `partitions ${outside.join(',')} do not exist with MERIDIAN_PARTITIONS=${config.MERIDIAN_PARTITIONS}`,
      });
      return z.NEVER;
    }
    return { ...config, OWNED_PARTITIONS: owned };
  });
export type ScoringConfig = z.infer<typeof ScoringConfig>;

export function loadScoringConfig(env?: Environment): ScoringConfig {
  return loadConfig(ScoringConfig, env);
}

function allPartitions(count: number): number[] {
  return Array.from({ length: count }, (_, partition) => partition);
}

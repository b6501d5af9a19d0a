import {
  httpPort,
  loadConfig,
  partitionList,
  platformEnv,
  type Environment,
} from '@meridian/config';
import { z } from 'zod';

/** Everything the orchestration service reads from its environment. */
export const OrchestrationConfig = platformEnv
  .extend(httpPort(8083).shape)
  .extend({
    /** Partitions this instance consumes; all of them when unset. */
    OWNED_PARTITIONS: partitionList.optional(),
    /** The journey definitions, relative to the working directory (the repository root). */
    JOURNEYS_FILE: z.string().min(1).default('apps/orchestration/journeys/welcome.json'),
  })
  .transform(({ OWNED_PARTITIONS, ...config }) => ({
    ...config,
    OWNED_PARTITIONS:
      OWNED_PARTITIONS ?? Array.from({ length: config.MERIDIAN_PARTITIONS }, (_, index) => index),
  }))
  .refine((config) => config.OWNED_PARTITIONS.every((p) => p < config.MERIDIAN_PARTITIONS), {
    message: 'every owned partition must be below MERIDIAN_PARTITIONS',
    path: ['OWNED_PARTITIONS'],
  });
export type OrchestrationConfig = z.infer<typeof OrchestrationConfig>;

export function loadOrchestrationConfig(env?: Environment): OrchestrationConfig {
  return loadConfig(OrchestrationConfig, env);
}

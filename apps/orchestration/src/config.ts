import {
  httpPort,
  loadConfig,
  ownedPartitionsEnv,
  platformEnv,
  resolveOwnedPartitions,
  type Environment,
} from '@meridian/config';
import { z } from 'zod';

/** Everything the orchestration service reads from its environment. */
export const OrchestrationConfig = platformEnv
  .extend(httpPort(8083).shape)
  .extend({
    ...ownedPartitionsEnv,
    /** The journey definitions, relative to the working directory (the repository root). */
    JOURNEYS_FILE: z.string().min(1).default('apps/orchestration/journeys/welcome.json'),
  })
  .transform(resolveOwnedPartitions);
export type OrchestrationConfig = z.infer<typeof OrchestrationConfig>;

export function loadOrchestrationConfig(env?: Environment): OrchestrationConfig {
  return loadConfig(OrchestrationConfig, env);
}

import { httpPort, loadConfig, platformEnv, type Environment } from '@meridian/config';
import type { z } from 'zod';

/** Everything ingestion reads from the environment. */
export const IngestionConfig = platformEnv.extend(httpPort(8080).shape);
export type IngestionConfig = z.infer<typeof IngestionConfig>;

export const INGESTION_SERVICE_NAME = 'ingestion';

export function loadIngestionConfig(env?: Environment): IngestionConfig {
  return loadConfig(IngestionConfig, env);
}

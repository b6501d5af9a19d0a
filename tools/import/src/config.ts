import { envInt, loadConfig, type Environment } from '@meridian/config';
import { z } from 'zod';

/** Everything the importer reads from the environment; every value has a local default. */
export const ImportConfig = z.object({
  /** Ingestion's base URL; batches go to <url>/v1/batch. */
  INGESTION_URL: z.string().url().default('http://127.0.0.1:8080'),
  /** The source's write key, sent as the Basic auth user. */
  MERIDIAN_WRITE_KEY: z.string().min(1).default('local-dev-key'),
  /** Calls per request (Segment allows 500 KB per batch; 100 calls stay well under it). */
  IMPORT_BATCH_SIZE: envInt(1, 1000).default(100),
  /** Requests in flight at once. */
  IMPORT_CONCURRENCY: envInt(1, 64).default(4),
  /** JSON bytes per request; below Segment's 500 KB batch limit. */
  IMPORT_MAX_BATCH_BYTES: envInt(1024, 500 * 1024).default(480_000),
  /** Attempts per request (429, 502-504, network errors) before the import stops. */
  IMPORT_MAX_ATTEMPTS: envInt(1, 100).default(10),
  /** Checkpoints and rejects; default <repo>/.data/import. */
  IMPORT_DATA_DIR: z.string().min(1).optional(),
  /** Set by npm to the directory `npm run` was started from: relative file paths resolve there. */
  INIT_CWD: z.string().min(1).optional(),
});
export type ImportConfig = z.infer<typeof ImportConfig>;

export function loadImportConfig(env?: Environment): ImportConfig {
  return loadConfig(ImportConfig, env);
}

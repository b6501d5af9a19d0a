import { z } from 'zod';

/** Integer from an environment string, with bounds. */
export const envInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Boolean from "true"/"false"/"1"/"0". */
export const envBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** Partition ranges such as "0-7" or "0,3,5-6" into a sorted list of partition numbers. */
export const partitionList = z
  .string()
  .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'expected partitions like "0-7" or "0,3,5-6"')
  .transform((spec) => {
    const owned = new Set<number>();
    for (const part of spec.split(',')) {
      const [from, to = from] = part.split('-').map(Number);
      for (let partition = from ?? 0; partition <= (to ?? 0); partition += 1) owned.add(partition);
    }
    return [...owned].sort((a, b) => a - b);
  });

/** Variables every Meridian service shares. */
export const platformEnv = z.object({
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017'),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .default('meridian'),
  /** Prefix of every subject and stream name; tests give each suite its own. */
  MERIDIAN_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,30}$/)
    .default('meridian'),
  /** Number of profile partitions; fixed when streams are provisioned. */
  MERIDIAN_PARTITIONS: envInt(1, 1024).default(8),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** OTLP/HTTP traces endpoint; when empty, spans are kept in memory only (tests). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Where spans are also appended as JSON lines, so tests and the demo can read traces. */
  MERIDIAN_SPAN_FILE: z.string().min(1).optional(),
});
export type PlatformEnv = z.infer<typeof platformEnv>;

/**
 * A service's HTTP port with its default, and how long one request may take to arrive whole
 * (Node's `requestTimeout`, 300 s by default; 0 for none, e.g. for ingestion instances that
 * take long import uploads behind a proxy that guards against slow clients).
 */
export const httpPort = (defaultPort: number) =>
  z.object({
    HTTP_PORT: envInt(1, 65535).default(defaultPort),
    HTTP_REQUEST_TIMEOUT_SECONDS: envInt(0, 86_400).default(300),
  });

/** The partitions an instance of a partitioned service consumes, e.g. "0-3"; all when unset. */
export const ownedPartitionsEnv = { OWNED_PARTITIONS: partitionList.optional() };

/**
 * Resolves OWNED_PARTITIONS for `.transform()`: every partition of MERIDIAN_PARTITIONS when
 * unset (one instance owns them all), and refused when it names a partition that does not
 * exist, since such a consumer was never provisioned.
 */
export function resolveOwnedPartitions<
  Config extends { MERIDIAN_PARTITIONS: number; OWNED_PARTITIONS?: number[] | undefined },
>(
  config: Config,
  ctx: z.RefinementCtx,
): Omit<Config, 'OWNED_PARTITIONS'> & { OWNED_PARTITIONS: number[] } {
  const count = config.MERIDIAN_PARTITIONS;
  const owned =
    config.OWNED_PARTITIONS ?? Array.from({ length: count }, (_, partition) => partition);
  const outside = owned.filter((partition) => partition >= count);
  if (outside.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['OWNED_PARTITIONS'],
      message: `partitions ${outside.join(',')} do not exist (MERIDIAN_PARTITIONS=${count})`,
    });
    return z.NEVER;
  }
  return { ...config, OWNED_PARTITIONS: owned };
}

import { Namespace } from '@meridian/contracts';
import { z } from 'zod';

/** Injection token of the resolved transport options. */
export const JETSTREAM_OPTIONS = Symbol('JETSTREAM_OPTIONS');

export interface RetryBackoff {
  /** Nak delay after the first failed delivery. */
  readonly initialMs: number;
  /** Ceiling of the delay, however many deliveries failed. */
  readonly maxMs: number;
}

export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { initialMs: 1_000, maxMs: 60_000 };

const optionsSchema = z
  .object({
    natsUrl: z.string().min(1),
    namespace: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'expected a namespace like "meridian"'),
    partitions: z.number().int().min(1).max(1024),
    ownedPartitions: z.array(z.number().int().min(0)).readonly(),
    serviceName: z.string().min(1),
    retryBackoff: z
      .object({ initialMs: z.number().int().min(0), maxMs: z.number().int().min(0) })
      .partial()
      .optional(),
    /** How long a publish waits for the stream's acknowledgement. */
    publishTimeoutMs: z.number().int().min(100).default(5_000),
    /** Messages a partition loop fetches at once; they are still handled one at a time. */
    fetchBatchSize: z.number().int().min(1).max(256).default(16),
    /** How long one pull request waits for messages before the loop asks again. */
    fetchExpiresMs: z.number().int().min(1_000).default(5_000),
    /** Whether this instance also turns MAX_DELIVERIES advisories into dead letters. */
    consumeAdvisories: z.boolean().default(true),
  })
  .refine(
    (options) => options.ownedPartitions.every((partition) => partition < options.partitions),
    {
      message: 'ownedPartitions must all be below partitions',
      path: ['ownedPartitions'],
    },
  );

export type JetStreamModuleOptions = z.input<typeof optionsSchema>;

export interface ResolvedJetStreamOptions {
  readonly natsUrl: string;
  readonly namespace: Namespace;
  readonly partitions: number;
  readonly ownedPartitions: readonly number[];
  readonly serviceName: string;
  readonly retryBackoff: RetryBackoff;
  readonly publishTimeoutMs: number;
  readonly fetchBatchSize: number;
  readonly fetchExpiresMs: number;
  readonly consumeAdvisories: boolean;
}

/** Validates the module options once, at `forRoot`, so a bad value fails before anything connects. */
export function resolveJetStreamOptions(options: JetStreamModuleOptions): ResolvedJetStreamOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`Invalid JetStreamModule options:\n  ${issues.join('\n  ')}`);
  }
  const { namespace, retryBackoff, ...rest } = parsed.data;
  return {
    ...rest,
    namespace: new Namespace(namespace),
    retryBackoff: {
      initialMs: retryBackoff?.initialMs ?? DEFAULT_RETRY_BACKOFF.initialMs,
      maxMs: retryBackoff?.maxMs ?? DEFAULT_RETRY_BACKOFF.maxMs,
    },
  };
}

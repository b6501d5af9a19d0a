import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Options every benchmark takes; a benchmark ignores the ones that do not apply to it. */
export interface BenchOptions {
  /** Measured seconds, after the warm-up. */
  readonly durationSeconds: number;
  /** Seconds of load before measuring starts: JIT, connection pools, server caches. */
  readonly warmupSeconds: number;
  /** Concurrent keep-alive HTTP connections of the load generator. */
  readonly connections: number;
  readonly eventsPerRequest: number;
  /** Size of one serialised event in bytes. */
  readonly eventBytes: number;
  /** Profile partitions of the benchmark's namespace. */
  readonly partitions: number;
  /**
   * Ingestion processes behind the load generator, as replicas behind a load balancer: one
   * Node.js process uses one core, so a 2-core machine runs two.
   */
  readonly instances: number;
  /** Print the result as one JSON document instead of the table. */
  readonly json: boolean;
  /** Exit with 1 when a target is not met. */
  readonly assert: boolean;
}

export interface BenchInvocation {
  readonly benchmark: string;
  readonly options: BenchOptions;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  durationSeconds: 20,
  warmupSeconds: 5,
  connections: 32,
  eventsPerRequest: 100,
  eventBytes: 1024,
  partitions: 8,
  instances: 2,
  json: false,
  assert: false,
};

/** Thrown for a command line that cannot run; main prints the message and the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const seconds = (min: number) => z.coerce.number().min(min).max(3600);

const numericOptions = z.object({
  duration: seconds(0.1).optional(),
  warmup: seconds(0).optional(),
  connections: count(1, 1024).optional(),
  'events-per-request': count(1, 10_000).optional(),
  'event-bytes': count(256, 32 * 1024).optional(),
  partitions: count(1, 1024).optional(),
  instances: count(1, 64).optional(),
});

export const USAGE = `usage: npm run bench -- <benchmark> [options]
  --duration <s>            measured seconds (default ${DEFAULT_OPTIONS.durationSeconds})
  --warmup <s>              warm-up seconds before measuring (default ${DEFAULT_OPTIONS.warmupSeconds})
  --connections <n>         concurrent keep-alive connections (default ${DEFAULT_OPTIONS.connections})
  --events-per-request <n>  events per batch request (default ${DEFAULT_OPTIONS.eventsPerRequest})
  --event-bytes <n>         bytes per serialised event, 256..32768 (default ${DEFAULT_OPTIONS.eventBytes})
  --partitions <n>          profile partitions of the namespace (default ${DEFAULT_OPTIONS.partitions})
  --instances <n>           ingestion processes the connections are spread over (default ${DEFAULT_OPTIONS.instances})
  --json                    print the result as JSON
  --assert                  exit 1 when a target is not met`;

/** `<benchmark> [--option value]…` into a benchmark name and complete options. */
export function parseBenchArgs(argv: readonly string[]): BenchInvocation {
  let parsed: ReturnType<typeof parseRaw>;
  try {
    parsed = parseRaw(argv);
  } catch (error) {
    // node:util reports unknown options and missing values as TypeErrors with a code.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [benchmark, ...extra] = parsed.positionals;
  if (benchmark === undefined) throw new UsageError('name a benchmark');
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);

  const { json, assert, ...numeric } = parsed.values;
  const checked = numericOptions.safeParse(numeric);
  if (!checked.success) {
    const issues = checked.error.issues.map(
      (issue) => `--${issue.path.join('.')}: ${issue.message}`,
    );
    throw new UsageError(issues.join('; '));
  }
  const values = checked.data;
  return {
    benchmark,
    options: {
      durationSeconds: values.duration ?? DEFAULT_OPTIONS.durationSeconds,
      warmupSeconds: values.warmup ?? DEFAULT_OPTIONS.warmupSeconds,
      connections: values.connections ?? DEFAULT_OPTIONS.connections,
      eventsPerRequest: values['events-per-request'] ?? DEFAULT_OPTIONS.eventsPerRequest,
      eventBytes: values['event-bytes'] ?? DEFAULT_OPTIONS.eventBytes,
      partitions: values.partitions ?? DEFAULT_OPTIONS.partitions,
      instances: values.instances ?? DEFAULT_OPTIONS.instances,
      json: json ?? false,
      assert: assert ?? false,
    },
  };
}

function parseRaw(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'events-per-request': { type: 'string' },
      'event-bytes': { type: 'string' },
      partitions: { type: 'string' },
      instances: { type: 'string' },
      json: { type: 'boolean' },
      assert: { type: 'boolean' },
    },
  });
}

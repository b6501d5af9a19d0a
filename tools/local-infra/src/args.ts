import { parseArgs as parseNodeArgs } from 'node:util';
import { z } from 'zod';
import { PROFILES, RESERVED_PORTS, type InfraPorts, type Profile } from './profiles';

export const COMMANDS = ['up', 'down', 'status', 'build'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  readonly command: Command;
  readonly profile: Profile;
  readonly dataDir: string | undefined;
  readonly ports: Partial<InfraPorts>;
}

export const USAGE = `usage: local-infra <up|down|status|build> [--profile dev|test]
       [--data-dir DIR] [--nats-port N] [--nats-monitor-port N] [--db-port N]

  up      build missing or stale servers, start NATS (JetStream) and the database, wait until
          both answer; does nothing for a server that already runs
  down    stop both (SIGTERM, then SIGKILL after a timeout); fine when nothing runs
  status  show what runs where; exits 1 when a server is not running
  build   only build the Go servers into .cache/bin when missing or stale`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = 'UsageError';
  }
}

const port = z.coerce
  .number()
  .int()
  .min(1024)
  .max(65535)
  .refine((value) => !RESERVED_PORTS.includes(value), {
    message: `ports ${RESERVED_PORTS.join(', ')} belong to the machine's own servers`,
  });

const argsSchema = z.object({
  command: z.enum(COMMANDS),
  profile: z.enum(PROFILES).default('dev'),
  dataDir: z.string().min(1).optional(),
  nats: port.optional(),
  natsMonitor: port.optional(),
  db: port.optional(),
});

function withoutUndefined(ports: Partial<Record<keyof InfraPorts, number | undefined>>) {
  const defined: { -readonly [K in keyof InfraPorts]?: number } = {};
  for (const key of ['nats', 'natsMonitor', 'db'] as const) {
    const value = ports[key];
    if (value !== undefined) defined[key] = value;
  }
  return defined;
}

/** Parses `local-infra <command> [options]` (argv without node and the script). */
export function parseArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof readRaw>;
  try {
    parsed = readRaw(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.positionals.length !== 1) {
    throw new UsageError('expected exactly one command');
  }
  const result = argsSchema.safeParse({
    command: parsed.positionals[0],
    profile: parsed.values.profile,
    dataDir: parsed.values['data-dir'],
    nats: parsed.values['nats-port'],
    natsMonitor: parsed.values['nats-monitor-port'],
    db: parsed.values['db-port'],
  });
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new UsageError(issues.join('\n'));
  }
  const { command, profile, dataDir, ...ports } = result.data;
  return { command, profile, dataDir, ports: withoutUndefined(ports) };
}

function readRaw(argv: readonly string[]) {
  return parseNodeArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      profile: { type: 'string' },
      'data-dir': { type: 'string' },
      'nats-port': { type: 'string' },
      'nats-monitor-port': { type: 'string' },
      'db-port': { type: 'string' },
    },
  });
}

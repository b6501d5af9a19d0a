import { join } from 'node:path';

export const PROFILES = ['dev', 'test'] as const;
export type Profile = (typeof PROFILES)[number];

export interface InfraPorts {
  readonly nats: number;
  readonly natsMonitor: number;
  readonly db: number;
}

/**
 * Each profile has ports of its own so a developer's dev stack and `./meridian test` can run
 * side by side, and neither meets the machine's own nats-server (4222) or mongod (27017).
 */
export const PROFILE_PORTS: Readonly<Record<Profile, InfraPorts>> = {
  dev: { nats: 14222, natsMonitor: 18222, db: 27117 },
  test: { nats: 24222, natsMonitor: 28222, db: 27217 },
};

/** Ports that belong to servers local-infra does not own; binding them would hide those. */
export const RESERVED_PORTS: readonly number[] = [4222, 8222, 27017];

export const DB_KINDS = ['ferretdb', 'mongod'] as const;
export type DbKind = (typeof DB_KINDS)[number];

export interface ServerFiles {
  readonly pidFile: string;
  readonly logFile: string;
  /** JetStream store, SQLite directory or mongod dbpath. */
  readonly storeDir: string;
}

export interface InfraPlan {
  readonly profile: Profile;
  readonly root: string;
  readonly dataDir: string;
  readonly ports: InfraPorts;
  readonly natsUrl: string;
  readonly natsMonitorUrl: string;
  readonly mongoUrl: string;
  readonly nats: ServerFiles;
  readonly db: Readonly<Record<DbKind, ServerFiles>>;
}

export interface PlanOptions {
  readonly profile: Profile;
  /** Repository root: binaries live in <root>/.cache/bin, data in <root>/.data/<profile>. */
  readonly root: string;
  readonly dataDir?: string | undefined;
  readonly ports?: Partial<InfraPorts> | undefined;
}

function serverFiles(dataDir: string, name: string): ServerFiles {
  return {
    pidFile: join(dataDir, `${name}.pid`),
    logFile: join(dataDir, `${name}.log`),
    storeDir: join(dataDir, name),
  };
}

/** Where everything of one profile lives and listens; overrides are for tests. */
export function planFor(options: PlanOptions): InfraPlan {
  const ports = { ...PROFILE_PORTS[options.profile], ...options.ports };
  const dataDir = options.dataDir ?? join(options.root, '.data', options.profile);
  return {
    profile: options.profile,
    root: options.root,
    dataDir,
    ports,
    natsUrl: `nats://127.0.0.1:${ports.nats}`,
    natsMonitorUrl: `http://127.0.0.1:${ports.natsMonitor}`,
    mongoUrl: `mongodb://127.0.0.1:${ports.db}`,
    nats: serverFiles(dataDir, 'nats'),
    db: { ferretdb: serverFiles(dataDir, 'ferretdb'), mongod: serverFiles(dataDir, 'mongod') },
  };
}

/** Command-line arguments of each server, bound to loopback only. */
export function natsArgs(plan: InfraPlan): string[] {
  return [
    '-a',
    '127.0.0.1',
    '-p',
    String(plan.ports.nats),
    '-m',
    String(plan.ports.natsMonitor),
    '-n',
    `meridian-${plan.profile}`,
    '-js',
    '-sd',
    plan.nats.storeDir,
  ];
}

export function dbArgs(plan: InfraPlan, kind: DbKind): string[] {
  const files = plan.db[kind];
  if (kind === 'mongod') {
    return ['--bind_ip', '127.0.0.1', '--port', String(plan.ports.db), '--dbpath', files.storeDir];
  }
  return [
    '--listen-addr',
    `127.0.0.1:${plan.ports.db}`,
    '--handler',
    'sqlite',
    '--sqlite-dir',
    files.storeDir,
    '--log-level',
    'warn',
  ];
}

import { mkdirSync } from 'node:fs';
import { resolveDb, resolveNats, type Toolchain } from './binaries';
import { logTail, runningPid, startDetached, stopProcess } from '@meridian/processes';
import {
  DB_KINDS,
  dbArgs,
  natsArgs,
  type DbKind,
  type InfraPlan,
  type ServerFiles,
} from './profiles';
import { mongoPings, natsHealthy, tcpAccepts, waitUntil } from './readiness';

export type ServerName = 'nats-server' | DbKind;
export type ServerState =
  | 'started'
  | 'already running'
  | 'running'
  | 'not answering'
  /** Something else (started by hand, another tool) serves the profile's port. */
  | 'answering, not ours'
  | 'not running'
  | 'stopped'
  | 'killed';

export interface ServerReport {
  readonly name: ServerName;
  readonly state: ServerState;
  readonly pid: number | undefined;
  readonly urls: readonly string[];
  readonly files: ServerFiles;
  readonly binary?: string | undefined;
}

const natsUrls = (plan: InfraPlan) => [plan.natsUrl, plan.natsMonitorUrl];

function assertDistinctPorts(plan: InfraPlan): void {
  const ports = Object.values(plan.ports);
  if (new Set(ports).size !== ports.length) {
    throw new Error(`ports must differ: ${JSON.stringify(plan.ports)}`);
  }
}

async function assertPortsFree(ports: readonly number[], server: string): Promise<void> {
  for (const port of ports) {
    if (await tcpAccepts(port)) {
      throw new Error(
        `port ${port} is taken by a process local-infra did not start; stop it or pass other ports (wanted for ${server})`,
      );
    }
  }
}

/** The database kind whose pid file names a live process, if any. */
function runningDb(plan: InfraPlan): { kind: DbKind; pid: number } | undefined {
  for (const kind of DB_KINDS) {
    const pid = runningPid(plan.db[kind].pidFile, kind);
    if (pid !== undefined) return { kind, pid };
  }
  return undefined;
}

async function startNats(plan: InfraPlan, tools: Toolchain): Promise<ServerReport> {
  const files = plan.nats;
  const base = { name: 'nats-server', urls: natsUrls(plan), files } as const;
  const pid = runningPid(files.pidFile, 'nats-server');
  if (pid !== undefined) return { ...base, state: 'already running', pid };
  await assertPortsFree([plan.ports.nats, plan.ports.natsMonitor], 'nats-server');
  const binary = await resolveNats(tools);
  mkdirSync(files.storeDir, { recursive: true });
  const started = startDetached({
    command: binary.path,
    args: natsArgs(plan),
    cwd: plan.root,
    ...files,
  });
  return { ...base, state: 'started', pid: started, binary: binary.path };
}

async function startDb(plan: InfraPlan, tools: Toolchain): Promise<ServerReport> {
  const running = runningDb(plan);
  if (running) {
    const files = plan.db[running.kind];
    return {
      name: running.kind,
      state: 'already running',
      pid: running.pid,
      urls: [plan.mongoUrl],
      files,
    };
  }
  await assertPortsFree([plan.ports.db], 'the database');
  const binary = await resolveDb(tools);
  const files = plan.db[binary.kind];
  mkdirSync(files.storeDir, { recursive: true });
  const args = dbArgs(plan, binary.kind);
  const pid = startDetached({ command: binary.path, args, cwd: plan.root, ...files });
  return {
    name: binary.kind,
    state: 'started',
    pid,
    urls: [plan.mongoUrl],
    files,
    binary: binary.path,
  };
}

function waitReady(plan: InfraPlan, server: ServerReport, timeoutMs: number): Promise<void> {
  const common = {
    timeoutMs,
    stillRunning: () => runningPid(server.files.pidFile, server.name) !== undefined,
    diagnostics: () =>
      `--- last lines of ${server.files.logFile}\n${logTail(server.files.logFile)}`,
  };
  if (server.name === 'nats-server') {
    return waitUntil(() => natsHealthy(plan.natsMonitorUrl), { ...common, what: 'nats-server' });
  }
  const answers = async () =>
    (await tcpAccepts(plan.ports.db)) && (await mongoPings(plan.root, plan.mongoUrl));
  return waitUntil(answers, { ...common, what: server.name });
}

/**
 * Starts whatever of the profile is not running and waits until both servers answer. When a
 * server fails to come up, the ones this call started are stopped again.
 */
export async function up(
  plan: InfraPlan,
  tools: Toolchain,
  timeoutMs = 60_000,
): Promise<ServerReport[]> {
  assertDistinctPorts(plan);
  mkdirSync(plan.dataDir, { recursive: true });
  const reports: ServerReport[] = [];
  try {
    reports.push(await startNats(plan, tools));
    reports.push(await startDb(plan, tools));
    await Promise.all(reports.map((server) => waitReady(plan, server, timeoutMs)));
    return reports;
  } catch (error) {
    for (const server of reports.filter((report) => report.state === 'started')) {
      await stopProcess(server.files.pidFile, server.name);
    }
    throw error;
  }
}

/** Stops both servers; a server that does not run is reported as such. */
export async function down(plan: InfraPlan, timeoutMs = 10_000): Promise<ServerReport[]> {
  const servers: { name: ServerName; files: ServerFiles; urls: string[] }[] = [
    { name: 'nats-server', files: plan.nats, urls: natsUrls(plan) },
    ...DB_KINDS.map((kind) => ({ name: kind, files: plan.db[kind], urls: [plan.mongoUrl] })),
  ];
  const reports: ServerReport[] = [];
  for (const server of servers) {
    const pid = runningPid(server.files.pidFile, server.name);
    const state = await stopProcess(server.files.pidFile, server.name, timeoutMs);
    // A database kind that never ran this profile is not worth a line.
    if (server.name === 'nats-server' || pid !== undefined) reports.push({ ...server, state, pid });
  }
  return reports;
}

async function liveState(
  pid: number | undefined,
  answers: () => Promise<boolean>,
): Promise<ServerState> {
  const answering = await answers();
  if (pid === undefined) return answering ? 'answering, not ours' : 'not running';
  return answering ? 'running' : 'not answering';
}

/**
 * What runs, and whether it answers. A server local-infra did not start but that answers on
 * the profile's port counts as running: `./meridian test` uses such servers and leaves them be.
 */
export async function status(plan: InfraPlan): Promise<ServerReport[]> {
  const natsPid = runningPid(plan.nats.pidFile, 'nats-server');
  const db = runningDb(plan);
  const dbName = db?.kind ?? 'ferretdb';
  return [
    {
      name: 'nats-server',
      state: await liveState(natsPid, () => natsHealthy(plan.natsMonitorUrl)),
      pid: natsPid,
      urls: natsUrls(plan),
      files: plan.nats,
    },
    {
      name: dbName,
      state: await liveState(
        db?.pid,
        async () =>
          (await tcpAccepts(plan.ports.db)) && (await mongoPings(plan.root, plan.mongoUrl)),
      ),
      pid: db?.pid,
      urls: [plan.mongoUrl],
      files: plan.db[dbName],
    },
  ];
}

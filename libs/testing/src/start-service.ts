import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadConfig } from '@meridian/config';
import { z } from 'zod';
import { killOnExit } from './kill-on-exit';
import { uniqueNamespace } from './test-infra';
import { waitFor } from './wait-for';

/** libs/testing/src → the repository root, where apps/ and tsconfig.base.json live. */
export const REPO_ROOT = resolve(__dirname, '../../..');

export interface StartServiceOptions {
  /** Runs apps/<app>/src/main.ts. */
  readonly app?: string;
  /** Runs this file instead (relative to the repo root or absolute); for fixtures. */
  readonly entry?: string;
  /** The port the service listens on; readiness is polled there. */
  readonly port: number;
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Prefix of the log file name; the suite's namespace, so parallel suites do not mix. */
  readonly namespace?: string;
  /** How long to wait for GET /health/ready to answer 200. Default 60 s. */
  readonly readyTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL. Default 10 s. */
  readonly stopTimeoutMs?: number;
}

export interface ServiceExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServiceHandle {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly logFile: string;
  /** Resolves when the process has exited, however that happened. */
  readonly exited: Promise<ServiceExit>;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  /** The JSON (pino) lines of the output so far. */
  logLines(): Record<string, unknown>[];
  /** SIGTERM, then SIGKILL when the process has not exited within stopTimeoutMs. */
  stop(): Promise<ServiceExit>;
  /** SIGKILL at once: a crash, for recovery tests. */
  kill(): Promise<ServiceExit>;
}

// The child gets this process's environment plus the suite's variables, read through
// loadConfig like every other use of the environment. An object with a string catch-all
// rather than z.record: the environment object is not a plain object, which z.record refuses.
const inheritedEnvironment = z.object({}).catchall(z.string());

/**
 * Spawns `node -r @swc-node/register <entry>` from the repo root, tees its output into a
 * buffer and .data/test-logs/<namespace>-<name>.log, and resolves once GET
 * /health/ready answers 200. If the process exits first, or readiness times out, it
 * rejects with the tail of the output (and kills the process).
 */
export async function startService(options: StartServiceOptions): Promise<ServiceHandle> {
  const entry = entryOf(options);
  const name = options.app ?? basename(entry).replace(/\.[cm]?[jt]s$/, '');
  const logDir = join(REPO_ROOT, '.data', 'test-logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${options.namespace ?? uniqueNamespace(name)}-${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });

  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: REPO_ROOT,
    env: {
      // The tsconfig gives swc-node the @meridian/* paths and the decorator settings.
      SWC_NODE_PROJECT: tsconfigOf(options),
      ...loadConfig(inheritedEnvironment),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { pid } = child;
  if (pid === undefined) {
    // spawn reports ENOENT and similar through 'error' after returning.
    const error = await new Promise<unknown>((resolveError) => child.once('error', resolveError));
    log.end();
    throw new Error(`Could not start ${name}`, { cause: error });
  }
  killOnExit(child);

  const chunks: string[] = [];
  const collect = (chunk: Buffer | string) => {
    chunks.push(chunk.toString());
    if (!log.writableEnded) log.write(chunk);
  };
  // A restarted service appends to the same file; mark where each run begins.
  log.write(`--- ${name} pid ${pid} started ${new Date().toISOString()} ---\n`);
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // A failed kill() surfaces as 'error'; keep it in the output instead of crashing the run.
  child.on('error', (error) => collect(`[startService] ${name}: ${error.message}\n`));
  const output = () => chunks.join('');

  const exited = new Promise<ServiceExit>((resolveExit) => {
    child.once('exit', (code, signal) => {
      resolveExit({ code, signal });
    });
  });
  // Close the log once the pipes are drained ('close' comes after the last 'data').
  child.once('close', () => log.end());

  const url = `http://127.0.0.1:${options.port}`;
  const signal = (kind: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(kind);
  };
  const kill = async () => {
    signal('SIGKILL');
    return exited;
  };
  const stop = async () => {
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), options.stopTimeoutMs ?? 10_000);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  let exitedEarly: ServiceExit | undefined;
  void exited.then((exit) => (exitedEarly = exit));
  try {
    const outcome = await waitFor(
      async () => {
        if (exitedEarly !== undefined) return 'exited';
        const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        return response.status === 200 ? 'ready' : undefined;
      },
      {
        description: `${name} to answer 200 on ${url}/health/ready`,
        timeoutMs: options.readyTimeoutMs ?? 60_000,
        intervalMs: 100,
      },
    );
    if (outcome === 'exited')
      throw new Error(`${name} exited before it was ready (${describeExit(exitedEarly)})`);
  } catch (error) {
    await kill();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${reason}\n--- last output of ${name} (full log: ${logFile}) ---\n${tail(output())}`,
      {
        cause: error,
      },
    );
  }

  return {
    name,
    pid,
    port: options.port,
    url,
    logFile,
    exited,
    output,
    logLines: () => jsonLines(output()),
    stop,
    kill,
  };
}

function entryOf(options: StartServiceOptions): string {
  if (options.entry !== undefined) return resolve(REPO_ROOT, options.entry);
  if (options.app !== undefined) return join(REPO_ROOT, 'apps', options.app, 'src', 'main.ts');
  throw new Error('startService needs an app or an entry');
}

/** The app's own tsconfig.json when it has one (it extends the base), else the base. */
function tsconfigOf(options: StartServiceOptions): string {
  const own =
    options.app === undefined ? undefined : join(REPO_ROOT, 'apps', options.app, 'tsconfig.json');
  return own !== undefined && existsSync(own) ? own : join(REPO_ROOT, 'tsconfig.base.json');
}

function describeExit(exit: ServiceExit | undefined): string {
  if (exit === undefined) return 'still running';
  return exit.signal === null ? `exit code ${exit.code}` : `signal ${exit.signal}`;
}

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      const parsed: unknown = JSON.parse(line);
      return isRecord(parsed) ? [parsed] : [];
    } catch {
      // A line that starts like JSON but is not (a partial write, a printed object) is
      // plain output, which output() still has.
      return [];
    }
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

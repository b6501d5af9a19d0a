import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildEnv } from './config';
import { logTail, runningPid, startDetached } from '@meridian/processes';

export class StackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackError';
  }
}

/** `node -r @swc-node/register <script>`: how every TypeScript entry point of the repo runs. */
export function nodeTs(script: string, args: readonly string[] = []): [string, string[]] {
  return [process.execPath, ['-r', '@swc-node/register', script, ...args]];
}

/** Runs a step to completion with our stdout/stderr; a non-zero exit fails the stack. */
export function runStep(
  label: string,
  root: string,
  script: string,
  args: string[],
  env: ChildEnv,
) {
  const [command, argv] = nodeTs(join(root, script), args);
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, argv, { cwd: root, env: { ...env }, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new StackError(`${label} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

export function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    // Refused or timed out: the process is still starting.
    return false;
  }
}

/** A background process of the stack: its entry point, pid and log under .data/dev. */
export interface Background {
  readonly label: string;
  /** Absolute path of the entry point; also how its pid is recognised in /proc. */
  readonly script: string;
  readonly pidFile: string;
  readonly logFile: string;
  /** Where it is reached, for the summary. */
  readonly url: string;
  /** Ports it will listen on, checked free before it starts. */
  readonly ports: readonly number[];
  /** URL that answers 200 once it is ready. */
  readonly readyUrl: string;
}

export function backgroundFor(
  dataDir: string,
  spec: Omit<Background, 'pidFile' | 'logFile'>,
): Background {
  return {
    ...spec,
    pidFile: join(dataDir, `${spec.label}.pid`),
    logFile: join(dataDir, `${spec.label}.log`),
  };
}

export interface Launched {
  readonly process: Background;
  readonly pid: number;
  readonly state: 'started' | 'already running';
}

/** Starts the process unless its pid file names a live one; refuses ports someone else holds. */
export async function ensureStarted(
  root: string,
  background: Background,
  env: ChildEnv,
): Promise<Launched> {
  const running = runningPid(background.pidFile, background.script);
  if (running !== undefined) return { process: background, pid: running, state: 'already running' };
  for (const port of background.ports) {
    if (await tcpAccepts(port)) {
      throw new StackError(
        `${background.label}: port ${port} is taken by a process the stack did not start`,
      );
    }
  }
  const [command, args] = nodeTs(background.script);
  const pid = startDetached({ command, args, cwd: root, env, ...background });
  return { process: background, pid, state: 'started' };
}

/** Polls the ready URL; fails at once when the process exits, with its log tail. */
export async function waitReady(launched: Launched, timeoutMs: number): Promise<void> {
  const { label, readyUrl, pidFile, script, logFile } = launched.process;
  const deadline = Date.now() + timeoutMs;
  const failure = (why: string) =>
    new StackError(`${label} ${why}\n--- last lines of ${logFile}\n${logTail(logFile, 40)}`);
  for (;;) {
    if (await answers200(readyUrl)) return;
    if (runningPid(pidFile, script) === undefined) throw failure('exited before it was ready');
    if (Date.now() > deadline) {
      throw failure(`did not answer 200 on ${readyUrl} within ${timeoutMs} ms`);
    }
    await sleep(500);
  }
}

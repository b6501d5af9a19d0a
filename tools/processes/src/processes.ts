import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

const errnoError = z.object({ code: z.string() });

/** The errno code of a Node system error (duck-typed: under Jest it comes from another realm). */
export function errnoCode(error: unknown): string | undefined {
  const parsed = errnoError.safeParse(error);
  return parsed.success ? parsed.data.code : undefined;
}

export interface DetachedSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly pidFile: string;
  readonly logFile: string;
  /** The child's whole environment; inherits ours when absent. */
  readonly env?: Readonly<Record<string, string>> | undefined;
}

/**
 * Starts a process that outlives us: its own process group, stdout and stderr appended to the
 * log file, its pid written to the pid file.
 */
export function startDetached(spec: DetachedSpec): number {
  mkdirSync(dirname(spec.pidFile), { recursive: true });
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      detached: true,
      stdio: ['ignore', log, log],
      ...(spec.env ? { env: { ...spec.env } } : {}),
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
    child.unref();
    writeFileSync(spec.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

export function readPid(pidFile: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(pidFile, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function readProc(pid: number, file: 'cmdline' | 'stat'): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    // No /proc (macOS) or the process is gone: the caller falls back to kill(pid, 0).
    return undefined;
  }
}

function signalReaches(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but someone else's, so certainly not a process we started.
    const code = errnoCode(error);
    if (code === 'ESRCH' || code === 'EPERM') return false;
    throw error;
  }
}

/**
 * Whether the pid is alive and, where /proc tells, still runs `expected` (a pid file can
 * outlive its process and the pid be reused). A zombie counts as gone: in containers whose
 * init does not reap, a stopped server stays a zombie.
 */
export function isRunning(pid: number, expected: string): boolean {
  if (!signalReaches(pid)) return false;
  const stat = readProc(pid, 'stat');
  if (stat !== undefined && /^\d+ \(.*\) Z/.test(stat)) return false;
  const cmdline = readProc(pid, 'cmdline');
  return cmdline === undefined || cmdline.includes(expected);
}

/** The pid from the pid file when that process still runs `expected`. */
export function runningPid(pidFile: string, expected: string): number | undefined {
  const pid = readPid(pidFile);
  return pid !== undefined && isRunning(pid, expected) ? pid : undefined;
}

async function waitForExit(pid: number, expected: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid, expected)) return true;
    await sleep(100);
  }
  return !isRunning(pid, expected);
}

export type StopOutcome = 'not running' | 'stopped' | 'killed';

/** SIGTERM, wait, SIGKILL after the timeout; removes the pid file. Idempotent. */
export async function stopProcess(
  pidFile: string,
  expected: string,
  timeoutMs = 10_000,
): Promise<StopOutcome> {
  const pid = runningPid(pidFile, expected);
  let outcome: StopOutcome = 'not running';
  if (pid !== undefined) {
    process.kill(pid, 'SIGTERM');
    outcome = 'stopped';
    if (!(await waitForExit(pid, expected, timeoutMs))) {
      process.kill(pid, 'SIGKILL');
      outcome = 'killed';
      if (!(await waitForExit(pid, expected, 5_000))) {
        throw new Error(`${expected} (pid ${pid}) survived SIGKILL`);
      }
    }
  }
  rmSync(pidFile, { force: true });
  return outcome;
}

/** The last lines of a log file, for error messages. */
export function logTail(logFile: string, lines = 30): string {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch (error) {
    return `(no log at ${logFile}: ${error instanceof Error ? error.message : String(error)})`;
  }
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

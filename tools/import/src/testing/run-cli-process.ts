import { spawn, type ChildProcess } from 'node:child_process';
import { loadConfig } from '@meridian/config';
import { z } from 'zod';
import { REPO_ROOT } from '../paths';

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of this test process, handed on to children (PATH, HOME...). */
export const inheritedEnv = loadConfig(z.object({}).catchall(z.string()));

/**
 * Runs a TypeScript entry of the repository as a child process (`node -r @swc-node/register`),
 * collecting its output; `started` gets the child at once, to kill it midway.
 */
export function runTsProcess(
  entry: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  started: (child: ChildProcess) => void = () => undefined,
): Promise<ChildResult> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...inheritedEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** `npm run import -- ...` as the user runs it, minus npm. */
export function runCliProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  started?: (child: ChildProcess) => void,
): Promise<ChildResult> {
  return runTsProcess('tools/import/src/main.ts', args, env, started);
}

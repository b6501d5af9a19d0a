import { spawn } from 'node:child_process';
import { z } from 'zod';
import { killOnExit } from '@meridian/testing';
import { RESULT_MARKER } from './worker-main';

// Benchmarks run their load in child processes, so the load's CPU is not the measuring
// process's and each side gets its own event loop. A worker (workerMain, ./worker-main.ts)
// takes its input as one JSON argument and prints its result as one line
// `RESULT_MARKER<json>` on stdout; anything else it prints (logs) passes through to this
// process's stderr.

/** Runs `node -r @swc-node/register <script> <input json>` and parses its result. */
export async function runWorker<Output>(
  script: string,
  input: unknown,
  output: z.ZodType<Output>,
): Promise<Output> {
  // The root tsconfig.json gives swc-node the @meridian/* paths; children run from the
  // repository root like this process (npm run bench), with its environment.
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', script, JSON.stringify(input)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  killOnExit(child);
  let stdout = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    },
  );
  const lines = stdout.split('\n');
  const resultLine = lines.findLast((line) => line.startsWith(RESULT_MARKER));
  for (const line of lines)
    if (line !== resultLine && line.length > 0) process.stderr.write(`${line}\n`);
  if (exit.code !== 0 || resultLine === undefined) {
    const how = exit.signal === null ? `exit code ${exit.code}` : `signal ${exit.signal}`;
    throw new Error(`worker ${script} failed (${how}); its output is above`);
  }
  return output.parse(JSON.parse(resultLine.slice(RESULT_MARKER.length)));
}

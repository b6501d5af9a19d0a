import type { ChildProcess } from 'node:child_process';

/** Children still running, killed if this process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitGuardInstalled = false;

/**
 * Kills `child` with SIGKILL if this process exits (a failed suite, Ctrl-C, a crash) while
 * the child still runs, so no service or worker outlives the run that started it.
 */
export function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitGuardInstalled) return;
  exitGuardInstalled = true;
  process.once('exit', () => {
    for (const survivor of running) survivor.kill('SIGKILL');
  });
}

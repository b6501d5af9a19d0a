import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function tcpAccepts(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** NATS answers its health check only once JetStream is enabled and ready. */
export async function natsHealthy(monitorUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${monitorUrl}/healthz?js-enabled-only=true`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  } catch {
    // Connection refused while the server starts: not healthy yet.
    return false;
  }
}

/**
 * A real MongoDB `hello` + `ping`, run by scripts/mongo-ping.js in a child process: the
 * driver may only be imported by libs/persistence, and a TCP accept alone does not prove
 * that FerretDB's backend is open.
 */
export function mongoPings(root: string, mongoUrl: string): Promise<boolean> {
  const script = join(root, 'tools', 'local-infra', 'scripts', 'mongo-ping.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [script, mongoUrl], { cwd: root, timeout: 10_000 }, (error) =>
      resolve(error === null),
    );
  });
}

export interface WaitOptions {
  readonly what: string;
  readonly timeoutMs: number;
  /** Checked between attempts so a server that exits fails the wait at once. */
  readonly stillRunning: () => boolean;
  readonly diagnostics: () => string;
}

/** Polls `check` until it answers true; throws with diagnostics on timeout or exit. */
export async function waitUntil(check: () => Promise<boolean>, options: WaitOptions) {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check()) return;
    if (!options.stillRunning()) {
      throw new Error(`${options.what} exited while starting:\n${options.diagnostics()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${options.what} did not answer within ${options.timeoutMs} ms:\n${options.diagnostics()}`,
      );
    }
    await sleep(250);
  }
}

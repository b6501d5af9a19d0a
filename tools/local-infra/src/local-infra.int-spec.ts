import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@meridian/config';
import { z } from 'zod';

const ROOT = resolve(__dirname, '..', '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI the way `npm run infra:up` does, as a separate process. */
function cli(args: string[]): Promise<Run> {
  const env = {
    ...loadConfig(z.object({}).catchall(z.string())),
    SWC_NODE_PROJECT: join(ROOT, 'tools/local-infra/tsconfig.json'),
  };
  const main = join(ROOT, 'tools/local-infra/src/main.ts');
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', main, ...args],
      { cwd: ROOT, env, timeout: 240_000 },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Ports nobody listens on right now, found by letting the kernel choose. */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((done) =>
          server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            done(typeof address === 'object' && address ? address.port : 0);
          }),
        ),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

/** The first line a NATS server sends to a new client. */
function natsInfo(port: number): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('data', (chunk) => {
      socket.destroy();
      done(chunk.toString('utf8'));
    });
    socket.once('error', fail);
  });
}

function mongoPing(url: string): Promise<Run> {
  const script = join(ROOT, 'tools/local-infra/scripts/mongo-ping.js');
  return new Promise((done) => {
    execFile(process.execPath, [script, url], (error, stdout, stderr) =>
      done({ code: error ? 1 : 0, stdout, stderr }),
    );
  });
}

describe('local-infra on ports and a data dir of its own', () => {
  let dataDir: string;
  let options: string[];
  let ports: { nats: number; monitor: number; db: number };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'local-infra-int-'));
    const [nats = 0, monitor = 0, db = 0] = await freePorts(3);
    ports = { nats, monitor, db };
    options = [
      ...['--profile', 'test', '--data-dir', dataDir],
      ...['--nats-port', String(nats), '--nats-monitor-port', String(monitor)],
      ...['--db-port', String(db)],
    ];
  });

  afterAll(async () => {
    await cli(['down', ...options]);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('starts NATS with JetStream and the database, both answering', async () => {
    const run = await cli(['up', ...options]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/nats-server\s+started\s+pid \d+/);
    expect(run.stdout).toContain(`nats://127.0.0.1:${ports.nats}`);
    expect(run.stdout).toContain(`mongodb://127.0.0.1:${ports.db}`);

    expect(await natsInfo(ports.nats)).toMatch(/^INFO .*"jetstream":true/);
    const health = await fetch(`http://127.0.0.1:${ports.monitor}/healthz?js-enabled-only=true`);
    expect(health.status).toBe(200);
    expect(await mongoPing(`mongodb://127.0.0.1:${ports.db}`)).toMatchObject({ code: 0 });
    expect(existsSync(join(dataDir, 'nats'))).toBe(true);
    expect(readFileSync(join(dataDir, 'nats.pid'), 'utf8')).toMatch(/^\d+\n$/);
  }, 240_000);

  it('reports what runs, and leaves running servers alone on a second up', async () => {
    const pidBefore = readFileSync(join(dataDir, 'nats.pid'), 'utf8');
    const again = await cli(['up', ...options]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/nats-server\s+already running/);
    expect(readFileSync(join(dataDir, 'nats.pid'), 'utf8')).toBe(pidBefore);

    const status = await cli(['status', ...options]);
    expect(status.code).toBe(0);
    expect(status.stdout.match(/\brunning\b/g)).toHaveLength(2);
  }, 60_000);

  it('refuses a port held by a server it did not start, which status shows as not ours', async () => {
    const pidFile = join(dataDir, 'nats.pid');
    const pid = readFileSync(pidFile, 'utf8');
    rmSync(pidFile);
    try {
      const status = await cli(['status', ...options]);
      expect(status.stdout).toMatch(/nats-server\s+answering, not ours/);
      const up = await cli(['up', ...options]);
      expect(up.code).toBe(1);
      expect(up.stderr).toContain(
        `port ${ports.nats} is taken by a process local-infra did not start`,
      );
    } finally {
      writeFileSync(pidFile, pid);
    }
  }, 60_000);

  it('stops both, and a second down is a no-op', async () => {
    const down = await cli(['down', ...options]);
    expect(down.code).toBe(0);
    expect(down.stdout).toMatch(/nats-server\s+stopped/);
    expect(await mongoPing(`mongodb://127.0.0.1:${ports.db}`)).toMatchObject({ code: 1 });
    await expect(natsInfo(ports.nats)).rejects.toThrow(/ECONNREFUSED/);

    const again = await cli(['down', ...options]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/nats-server\s+not running/);
    expect((await cli(['status', ...options])).code).toBe(1);
  }, 60_000);
});

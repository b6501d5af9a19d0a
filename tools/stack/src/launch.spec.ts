import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { backgroundFor, ensureStarted, waitReady, type Background } from './launch';
import { stopProcess } from '@meridian/processes';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('background processes of the stack', () => {
  let dir: string;
  const started: Background[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stack-launch-'));
  });
  afterEach(async () => {
    for (const background of started.splice(0)) {
      await stopProcess(background.pidFile, background.script);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fake service: a script under the temp dir, run from the repository root. */
  function fake(label: string, source: string, port: number): Background {
    mkdirSync(join(dir, label));
    const file = join(dir, label, 'main.js');
    writeFileSync(file, source);
    const background = backgroundFor(dir, {
      label,
      script: file,
      url: `http://127.0.0.1:${port}`,
      ports: [port],
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
    });
    started.push(background);
    return background;
  }

  async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    await new Promise((done) => server.close(done));
    return typeof address === 'object' && address ? address.port : 0;
  }

  it('fails at once with the log tail when a service exits while starting', async () => {
    const port = await freePort();
    const crashing = fake('crasher', "console.error('boom: no NATS_URL'); process.exit(1);", port);
    const launched = await ensureStarted(ROOT, crashing, {});
    const waited = Date.now();
    await expect(waitReady(launched, 60_000)).rejects.toThrow(
      /crasher exited before it was ready[\s\S]*boom: no NATS_URL/,
    );
    expect(Date.now() - waited).toBeLessThan(15_000);
  }, 30_000);

  it('waits for /health/ready, then leaves the running service alone', async () => {
    const port = await freePort();
    const source = `require('node:http').createServer((q, r) => { r.statusCode = q.url === '/health/ready' ? 200 : 404; r.end(); }).listen(${port}, '127.0.0.1');`;
    const service = fake('ready', source, port);
    const first = await ensureStarted(ROOT, service, {});
    await waitReady(first, 20_000);
    const second = await ensureStarted(ROOT, service, {});
    expect(second).toEqual({ process: service, pid: first.pid, state: 'already running' });
  }, 30_000);

  it('times out naming the URL when a service never becomes ready', async () => {
    const port = await freePort();
    const silent = fake('silent', 'setInterval(() => {}, 1000);', port);
    const launched = await ensureStarted(ROOT, silent, {});
    await expect(waitReady(launched, 1_500)).rejects.toThrow(
      new RegExp(`silent did not answer 200 on http://127.0.0.1:${port}/health/ready`),
    );
  }, 30_000);

  it('refuses to start on a port another process holds', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((done) => squatter.listen(0, '127.0.0.1', done));
    const address = squatter.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(ensureStarted(ROOT, fake('late', '', port), {})).rejects.toThrow(
        `late: port ${port} is taken by a process the stack did not start`,
      );
    } finally {
      await new Promise((done) => squatter.close(done));
    }
  });
});

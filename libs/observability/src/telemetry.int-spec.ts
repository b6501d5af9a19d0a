import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseSpanLines } from './span-records';

// Explicit hook timeouts: Jest applies only the global testTimeout, not the one the
// preset sets on the integration project.
const START_TIMEOUT_MS = 60_000;

// The testing lib's startService would do this, but testing depends on this lib; the
// spawn is spelled out here to keep the project graph acyclic.
const repoRoot = resolve(__dirname, '../../..');

/** Polls until `probe` returns a value; the server ends a span and logs after it answers. */
async function eventually<T>(probe: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('a service bootstrapped with telemetry', () => {
  let dir: string;
  let spanFile: string;
  let child: ChildProcess;
  let output = '';
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'traced-'));
    spanFile = join(dir, 'spans.jsonl');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'libs/observability/src/fixtures/traced-app.ts'],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          HTTP_PORT: String(port),
          MERIDIAN_SPAN_FILE: spanFile,
          SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.base.json'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const deadline = Date.now() + START_TIMEOUT_MS - 5_000;
    for (;;) {
      const status = await fetch(`${url}/health/ready`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) break;
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`fixture did not become ready:\n${output}`);
      await sleep(100);
    }
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, START_TIMEOUT_MS);

  const readSpans = () =>
    existsSync(spanFile) ? parseSpanLines(readFileSync(spanFile, 'utf8')) : [];
  const spanOfTrace = (traceId: string) =>
    eventually(
      () => readSpans().find((span) => span.traceId === traceId),
      `a span of trace ${traceId}`,
    );

  it('continues the caller trace in an inbound HTTP server span written to the span file', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpanId = '00f067aa0ba902b7';
    const response = await fetch(`${url}/hello`, {
      headers: { traceparent: `00-${traceId}-${callerSpanId}-01` },
    });
    expect(await response.json()).toEqual({ hello: 'world' });

    const server = await spanOfTrace(traceId);
    expect(server).toMatchObject({
      kind: 'SERVER',
      service: 'traced-fixture',
      parentSpanId: callerSpanId,
    });

    const logLine = await eventually(
      () =>
        output
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .find((line) => line['msg'] === 'saying hello'),
      'the log line of the request',
    );
    expect(logLine).toMatchObject({
      trace_id: traceId,
      span_id: server.spanId,
      context: 'HelloController',
    });
  });

  it('does not trace health probes or metric scrapes', async () => {
    const before = readSpans().length;
    await fetch(`${url}/health/ready`);
    await fetch(`${url}/health/live`);
    await fetch(`${url}/metrics`);
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4737';
    await fetch(`${url}/hello`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b8-01` } });
    await spanOfTrace(traceId);
    // Only the /hello request added a span.
    expect(readSpans().length).toBe(before + 1);
  });

  it('flushes and exits cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

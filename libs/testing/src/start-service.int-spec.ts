import { existsSync, readFileSync } from 'node:fs';
import { freePort } from './free-port';
import { startService, type ServiceHandle } from './start-service';
import { uniqueNamespace } from './test-infra';

const FIXTURE = 'libs/testing/src/fixtures/ready-server.ts';
// Explicit timeouts: Jest applies only the global testTimeout, not the preset's per-project one.
const TIMEOUT_MS = 60_000;

describe('startService', () => {
  const namespace = uniqueNamespace('startsvc');
  const started: ServiceHandle[] = [];

  async function start(
    env: Record<string, string> = {},
    extra: { readyTimeoutMs?: number; stopTimeoutMs?: number } = {},
  ) {
    const port = await freePort();
    const handle = await startService({
      entry: FIXTURE,
      port,
      namespace,
      env: { HTTP_PORT: String(port), ...env },
      ...extra,
    });
    started.push(handle);
    return handle;
  }

  afterAll(async () => {
    await Promise.all(started.map((handle) => handle.kill()));
  }, TIMEOUT_MS);

  it(
    'resolves once /health/ready answers 200, with output in a buffer and a log file',
    async () => {
      const service = await start({ READY_AFTER_MS: '300' });

      const response = await fetch(`${service.url}/health/ready`);
      expect(response.status).toBe(200);
      expect(service.name).toBe('ready-server');
      expect(service.logFile).toContain(`.data/test-logs/${namespace}-ready-server.log`);
      expect(service.logLines()).toContainEqual(
        expect.objectContaining({ msg: 'listening', pid: service.pid }),
      );
      expect(service.output()).toContain('fixture: a line on stderr');

      const exit = await service.stop();
      expect(exit).toEqual({ code: 0, signal: null });
      expect(readFileSync(service.logFile, 'utf8')).toContain('"msg":"stopping"');
    },
    TIMEOUT_MS,
  );

  it(
    'kill() ends the process with SIGKILL at once',
    async () => {
      const service = await start();
      expect(await service.kill()).toEqual({ code: null, signal: 'SIGKILL' });
      expect(service.output()).not.toContain('stopping');
    },
    TIMEOUT_MS,
  );

  it(
    'stop() escalates to SIGKILL when SIGTERM is ignored',
    async () => {
      const service = await start({ IGNORE_SIGTERM: 'true' }, { stopTimeoutMs: 300 });
      const began = Date.now();
      expect(await service.stop()).toEqual({ code: null, signal: 'SIGKILL' });
      expect(Date.now() - began).toBeGreaterThanOrEqual(250);
      expect(service.output()).toContain('ignoring SIGTERM');
    },
    TIMEOUT_MS,
  );

  it(
    'rejects with the output tail when the service exits before it is ready',
    async () => {
      const port = await freePort();
      const starting = startService({
        entry: FIXTURE,
        port,
        namespace,
        env: { HTTP_PORT: String(port), FAIL_AT_START: 'true' },
      });
      await expect(starting).rejects.toThrow(
        /ready-server exited before it was ready \(exit code 3\)[\s\S]*failing at start as asked/,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'rejects with the output tail and kills the service when readiness times out',
    async () => {
      const port = await freePort();
      const starting = startService({
        entry: FIXTURE,
        port,
        namespace,
        env: { HTTP_PORT: String(port), READY_AFTER_MS: '600000' },
        // Long enough for the fixture to start and print under a loaded machine, so the
        // error can be shown to carry its output.
        readyTimeoutMs: 8_000,
      });
      await expect(starting).rejects.toThrow(
        /Timed out after 8000 ms \(\d+ attempts\) waiting for ready-server to answer 200[\s\S]*last output of ready-server[\s\S]*"msg":"listening"/,
      );
      // The process was killed: its port is free again.
      await expect(fetch(`http://127.0.0.1:${port}/health/ready`)).rejects.toThrow();
    },
    TIMEOUT_MS,
  );

  it('needs an app or an entry', async () => {
    await expect(startService({ port: 1 })).rejects.toThrow(
      'startService needs an app or an entry',
    );
    expect(existsSync(FIXTURE)).toBe(true);
  });
});

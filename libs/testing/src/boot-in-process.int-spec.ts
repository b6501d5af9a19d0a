import { bootInProcess } from './boot-in-process';
import { PingModule } from './fixtures/ping.module';

// Jest applies only the global testTimeout, not the preset's per-project one.
jest.setTimeout(30_000);

describe('bootInProcess', () => {
  it('serves the module on a free port and closes it', async () => {
    const { url, close } = await bootInProcess(PingModule, {
      configure: (app) => app.setGlobalPrefix('api'),
    });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/api/ping`);
      expect(await response.json()).toEqual({ pong: true });
    } finally {
      await close();
    }
    await expect(fetch(`${url}/api/ping`)).rejects.toThrow();
  });
});

import { checkReadiness, isHealthIndicator, type HealthIndicator } from './health';

const up = (name: string): HealthIndicator => ({ name, check: async () => undefined });
const down = (name: string, reason: string): HealthIndicator => ({
  name,
  check: async () => {
    throw new Error(reason);
  },
});

describe('checkReadiness', () => {
  it('is ready when every indicator answers', async () => {
    expect(await checkReadiness([up('nats'), up('mongodb')])).toEqual({
      status: 'ready',
      failing: [],
      checks: [
        { name: 'nats', status: 'up' },
        { name: 'mongodb', status: 'up' },
      ],
    });
  });

  it('is ready with no indicators at all', async () => {
    expect((await checkReadiness([])).status).toBe('ready');
  });

  it('names the failing indicators and their reasons', async () => {
    const report = await checkReadiness([up('nats'), down('mongodb', 'connection refused')]);
    expect(report.status).toBe('not_ready');
    expect(report.failing).toEqual(['mongodb']);
    expect(report.checks).toContainEqual({
      name: 'mongodb',
      status: 'down',
      error: 'connection refused',
    });
  });

  it('counts a check that does not answer in time as down', async () => {
    const hanging: HealthIndicator = {
      name: 'slow',
      check: () => new Promise<void>(() => undefined),
    };
    const started = Date.now();
    const report = await checkReadiness([hanging], 50);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.checks).toEqual([
      { name: 'slow', status: 'down', error: 'no answer within 50 ms' },
    ]);
  });
});

describe('isHealthIndicator', () => {
  it('recognises objects with a name and a check function only', () => {
    expect(isHealthIndicator(up('x'))).toBe(true);
    expect(isHealthIndicator({ name: 'x' })).toBe(false);
    expect(isHealthIndicator({ check: async () => undefined })).toBe(false);
    expect(isHealthIndicator(null)).toBe(false);
  });
});

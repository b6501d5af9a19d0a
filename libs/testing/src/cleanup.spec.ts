import { cleanupOnce, CleanupError, orCleanUp } from './cleanup';

describe('cleanupOnce', () => {
  it('runs every step in order', async () => {
    const ran: string[] = [];
    const cleanup = cleanupOnce([
      { what: 'first', run: async () => ran.push('first') },
      { what: 'second', run: async () => ran.push('second') },
    ]);

    await cleanup();

    expect(ran).toEqual(['first', 'second']);
  });

  it('keeps going after a failing step and reports every failure', async () => {
    const ran: string[] = [];
    const cleanup = cleanupOnce([
      { what: 'delete the streams', run: () => Promise.reject(new Error('NATS is down')) },
      { what: 'close', run: async () => ran.push('close') },
      { what: 'drop the database', run: () => Promise.reject(new Error('no server')) },
    ]);

    const failure: unknown = await cleanup().catch((error: unknown) => error);

    expect(ran).toEqual(['close']);
    expect(failure).toBeInstanceOf(CleanupError);
    expect(failure).toMatchObject({
      message: 'clean-up failed: delete the streams: NATS is down; drop the database: no server',
      errors: [new Error('NATS is down'), new Error('no server')],
    });
  });

  it('runs the steps once however often it is called', async () => {
    let runs = 0;
    const cleanup = cleanupOnce([{ what: 'count', run: async () => (runs += 1) }]);

    await Promise.all([cleanup(), cleanup()]);
    await cleanup();

    expect(runs).toBe(1);
  });
});

describe('orCleanUp', () => {
  it('gives what the work gives, without cleaning up', async () => {
    const cleanup = jest.fn(async () => undefined);

    await expect(orCleanUp(async () => 'made', cleanup)).resolves.toBe('made');

    expect(cleanup).not.toHaveBeenCalled();
  });

  it('cleans up after failed work and rethrows its error', async () => {
    const failure = new Error('provisioning failed');
    const cleanup = jest.fn(async () => undefined);

    await expect(orCleanUp(() => Promise.reject(failure), cleanup)).rejects.toBe(failure);

    expect(cleanup).toHaveBeenCalledTimes(1);
  });

  it('throws both errors when the clean-up fails too', async () => {
    const failure = new Error('provisioning failed');
    const cleanupFailure = new Error('NATS is down');

    const thrown: unknown = await orCleanUp(
      () => Promise.reject(failure),
      () => Promise.reject(cleanupFailure),
    ).catch((error: unknown) => error);

    expect(thrown).toBeInstanceOf(AggregateError);
    expect(thrown).toMatchObject({
      message: 'provisioning failed; cleaning up after it failed too: NATS is down',
      errors: [failure, cleanupFailure],
    });
  });
});

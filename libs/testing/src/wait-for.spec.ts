import { waitFor, WaitForTimeoutError } from './wait-for';

describe('waitFor', () => {
  it('returns the first value the condition gives that is not undefined, null or false', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls += 1;
        if (calls === 1) return undefined;
        if (calls === 2) return null;
        if (calls === 3) return false;
        return { calls };
      },
      { description: 'the fourth call', intervalMs: 1 },
    );
    expect(value).toEqual({ calls: 4 });
  });

  it('returns 0 and empty strings, which are values', async () => {
    expect(await waitFor(() => 0, { description: 'zero' })).toBe(0);
    expect(await waitFor(() => '', { description: 'empty' })).toBe('');
  });

  it('awaits async conditions and keeps polling through errors', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('connection refused');
        return 'up';
      },
      { description: 'the server', intervalMs: 1 },
    );
    expect(value).toBe('up');
  });

  it('times out with the description, the attempts and the last error', async () => {
    const started = Date.now();
    const waiting = waitFor(
      () => {
        throw new Error('still refused');
      },
      { description: 'the profile to be merged', timeoutMs: 100, intervalMs: 20 },
    );
    await expect(waiting).rejects.toBeInstanceOf(WaitForTimeoutError);
    await expect(waiting).rejects.toThrow(
      /Timed out after 100 ms \(\d+ attempts\) waiting for the profile to be merged; last attempt failed with: still refused/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not blame an earlier error when the last attempt simply was not met', async () => {
    let calls = 0;
    const waiting = waitFor(
      () => {
        calls += 1;
        if (calls === 1) throw new Error('early');
        return false;
      },
      { description: 'nothing', timeoutMs: 50, intervalMs: 5 },
    );
    await expect(waiting).rejects.toThrow(/waiting for nothing$/);
  });

  it('does not start an attempt before the previous one finished', async () => {
    let inFlight = 0;
    let overlap = false;
    let calls = 0;
    await waitFor(
      async () => {
        inFlight += 1;
        overlap ||= inFlight > 1;
        await new Promise((resolve) => setTimeout(resolve, 15));
        inFlight -= 1;
        calls += 1;
        return calls >= 3 ? true : undefined;
      },
      { description: 'slow checks', intervalMs: 1 },
    );
    expect(overlap).toBe(false);
  });
});

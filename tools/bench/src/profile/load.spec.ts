import { runAtRate, runClosedLoop } from './load';

const load = { connections: 2, warmupMs: 0, durationMs: 300, thresholdMs: 2 };

describe('probe loads', () => {
  it('sends about the given rate whether or not answers are slow (open loop)', async () => {
    let sent = 0;
    const slowAnswer = () => {
      sent += 1;
      return new Promise<number>((resolve) => setTimeout(() => resolve(10), 20));
    };

    const [output] = await runAtRate({ ...load, ratePerSecond: 200 }, [slowAnswer]);

    // 200/s over 0.3 s is 60 requests (a late timer sends the overdue ones at once); answers
    // taking 20 ms, a closed loop of 2 connections could send 32 at most.
    expect(sent).toBeGreaterThan(40);
    expect(sent).toBeLessThanOrEqual(61);
    expect(output?.withinThresholdPercent).toBe(0);
    expect(output?.latencyMs?.p50).toBeGreaterThanOrEqual(19);
  });

  it('sends to several targets in turns, request by request, each at the given rate', async () => {
    const sentTo: string[] = [];
    const target = (name: string) => async () => {
      sentTo.push(name);
      return 1;
    };

    const outputs = await runAtRate({ ...load, durationMs: 400, ratePerSecond: 100 }, [
      target('a'),
      target('b'),
    ]);

    expect(outputs).toHaveLength(2);
    // 100/s each over 0.4 s: about 40 each (a late timer sends the overdue ones at once).
    expect(sentTo.filter((name) => name === 'a').length).toBeGreaterThan(30);
    expect(sentTo.filter((name) => name === 'a').length).toBeLessThanOrEqual(41);
    expect(sentTo.every((name, index) => name === (index % 2 === 0 ? 'a' : 'b'))).toBe(true);
    expect(outputs.map((output) => output.requests).reduce((sum, n) => sum + n, 0)).toBe(
      sentTo.length,
    );
  });

  it('keeps one request in flight per connection in a closed loop and counts failures', async () => {
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    const request = async () => {
      // Its own number, taken when sent: the shared count moves on while it is in flight.
      calls += 1;
      const number = calls;
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      if (number % 10 === 0) throw new Error(`request ${number} failed`);
      return 100;
    };

    const output = await runClosedLoop(load, request);

    expect(most).toBe(2);
    expect(output.failures).toBe(Math.floor(calls / 10));
    expect(output.firstFailure).toBe('request 10 failed');
    expect(output.answerBytes).toBe(100);
  });
});

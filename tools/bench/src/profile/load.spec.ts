import { measuredShareMs, runAtRate, runClosedLoop } from './load';

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

  it('sends to several targets in turns of a slice each', async () => {
    const sentTo: string[] = [];
    const target = (name: string) => async () => {
      sentTo.push(name);
      return 1;
    };

    const outputs = await runAtRate(
      { ...load, durationMs: 400, ratePerSecond: 100 },
      [target('a'), target('b')],
      100,
    );

    expect(outputs).toHaveLength(2);
    // Slices of 100 ms at 100/s: about ten requests to a, then ten to b, and so on.
    const switches = sentTo.filter((name, index) => index > 0 && name !== sentTo[index - 1]);
    expect(switches.length).toBeGreaterThanOrEqual(2);
    expect(switches.length).toBeLessThanOrEqual(4);
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

  it("counts each target's rate over the part of the measured window its slices covered", () => {
    // 5 s warm-up + 20 s measured in 1 s slices over 3 targets: slices 5..24 are measured.
    const window = { warmupMs: 5_000, durationMs: 20_000 };
    const shares = [0, 1, 2].map((turn) => measuredShareMs(window, 1_000, 3, turn));

    expect(shares).toEqual([7_000, 6_000, 7_000]);
    expect(measuredShareMs({ warmupMs: 500, durationMs: 1_000 }, 1_000, 1, 0)).toBe(1_000);
  });
});

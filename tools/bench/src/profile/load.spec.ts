import type { AnswerSink } from './keep-alive-client';
import { MAX_PROBE_FAILURES, runAtRate, runClosedLoop, type RateTarget } from './load';

const load = { connections: 2, warmupMs: 0, durationMs: 300, thresholdMs: 2 };

/** A target answering 10 bytes to every request, `delayMs` later (0: at once), noting its name. */
function fakeTarget(name: string, delayMs: number, sentTo: string[]): RateTarget {
  return {
    send(startedAt: number, sink: AnswerSink) {
      sentTo.push(name);
      if (delayMs === 0) sink.answered(startedAt, 10);
      else setTimeout(() => sink.answered(startedAt, 10), delayMs);
    },
  };
}

describe('probe loads', () => {
  it('sends about the given rate whether or not answers are slow (open loop)', async () => {
    const sentTo: string[] = [];

    const [output] = await runAtRate({ ...load, ratePerSecond: 200 }, [
      fakeTarget('slow', 20, sentTo),
    ]);
    const sent = sentTo.length;

    // 200/s over 0.3 s is 60 requests (a late timer sends the overdue ones at once); answers
    // taking 20 ms, a closed loop of 2 connections could send 32 at most.
    expect(sent).toBeGreaterThan(40);
    expect(sent).toBeLessThanOrEqual(61);
    expect(output?.withinThresholdPercent).toBe(0);
    expect(output?.latencyMs?.p50).toBeGreaterThanOrEqual(19);
  });

  it('sends to several targets in turns, request by request, each at the given rate', async () => {
    const sentTo: string[] = [];

    const outputs = await runAtRate({ ...load, durationMs: 400, ratePerSecond: 100 }, [
      fakeTarget('a', 0, sentTo),
      fakeTarget('b', 0, sentTo),
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

  it('stops an open loop once a target failed too often, and says why', async () => {
    let sent = 0;
    const failing: RateTarget = {
      send(_startedAt, sink) {
        sent += 1;
        sink.failed(new Error(`request ${sent} refused`));
      },
    };

    const [output] = await runAtRate({ ...load, durationMs: 5_000, ratePerSecond: 1_000 }, [
      failing,
    ]);

    expect(output?.failures).toBe(sent);
    expect(sent).toBeGreaterThanOrEqual(MAX_PROBE_FAILURES);
    expect(sent).toBeLessThan(1_000);
    expect(output?.firstFailure).toBe('request 1 refused');
    expect(output?.requests).toBe(0);
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

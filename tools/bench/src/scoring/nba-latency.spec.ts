import { measureNbaLatency, nbaLatencyMeasurements, nbaLatencyTarget } from './nba-latency';

describe('measureNbaLatency', () => {
  const result = measureNbaLatency({
    actions: 50,
    iterations: 2000,
    seed: 1,
    warmup: 500,
    trainingUpdates: 1000,
  });

  it('times every call of choose and of the baseline', () => {
    expect(result.chooseMicros.count).toBe(2000);
    expect(result.baselineMicros.count).toBe(2000);
    expect(result.options.dimension).toBe(11);
  });

  it('reports ordered, positive latencies and their ratio', () => {
    for (const summary of [result.chooseMicros, result.baselineMicros]) {
      expect(summary.p50).toBeGreaterThan(0);
      expect(summary.p50).toBeLessThanOrEqual(summary.p99);
      expect(summary.p99).toBeLessThanOrEqual(summary.max);
    }
    expect(result.ratio.p50).toBeCloseTo(result.chooseMicros.p50 / result.baselineMicros.p50, 12);
    expect(result.withinTargetPercent).toBeGreaterThanOrEqual(0);
    expect(result.withinTargetPercent).toBeLessThanOrEqual(100);
  });

  it('turns the result into table rows and a target of 99 % within 50 µs', () => {
    const rows = nbaLatencyMeasurements(result);
    expect(rows.find((r) => r.group === 'nba choose' && r.label === 'p99 latency')?.value).toBe(
      result.chooseMicros.p99,
    );
    const target = nbaLatencyTarget(result);
    expect(target.atLeast).toBe(99);
    expect(target.met).toBe(result.withinTargetPercent >= 99);
  });

  it('rejects sizes that are not positive integers, naming the option', () => {
    expect(() => measureNbaLatency({ actions: 0, iterations: 10, seed: 1 })).toThrow(/actions/);
    expect(() => measureNbaLatency({ actions: 5, iterations: 1.5, seed: 1 })).toThrow(/iterations/);
  });
});

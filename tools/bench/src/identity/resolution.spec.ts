import {
  throughputOf,
  watchResolution,
  type ResolutionSample,
  type ResolutionWatch,
} from './resolution';

/**
 * A fake identity resolving `perTick` calls each 100 ms tick, using 2 ms of CPU per call, on a
 * fake clock the watch's sleep advances.
 */
function fakeWatch(overrides: Partial<ResolutionWatch> & { perTick?: number } = {}) {
  const perTick = overrides.perTick ?? 10;
  let now = 1_000;
  let resolved = 0;
  const seen: number[] = [];
  const watch: ResolutionWatch = {
    sample: async (): Promise<ResolutionSample> => ({
      atMs: now,
      resolved,
      cpuMicros: resolved * 2_000,
    }),
    onSample: async (sample) => {
      seen.push(sample.resolved);
    },
    sleep: async (ms) => {
      now += ms;
      resolved = Math.min(watch.total, resolved + perTick);
    },
    total: 1_000,
    warmupMs: 500,
    durationMs: 2_000,
    intervalMs: 100,
    ...overrides,
  };
  return { watch, seen };
}

describe('watchResolution', () => {
  it('measures from the end of the warm-up for the duration', async () => {
    const { watch } = fakeWatch();

    const window = await watchResolution(watch);

    expect(window.from).toMatchObject({ atMs: 1_500, resolved: 50 });
    expect(window.to).toMatchObject({ atMs: 3_500, resolved: 250 });
    expect(window.drained).toBe(false);
  });

  it('hands every sample to onSample, so the feeder can top up as identity resolves', async () => {
    const { watch, seen } = fakeWatch();

    await watchResolution(watch);

    expect(seen).toEqual(Array.from({ length: 26 }, (_, tick) => tick * 10));
  });

  it('ends at the first sample with every call resolved', async () => {
    const { watch } = fakeWatch({ total: 120 });

    const window = await watchResolution(watch);

    expect(window.to).toMatchObject({ atMs: 2_200, resolved: 120 });
    expect(window.drained).toBe(true);
  });

  it('refuses a load resolved entirely during the warm-up', async () => {
    const { watch } = fakeWatch({ total: 30 });

    await expect(watchResolution(watch)).rejects.toThrow(
      /all 30 events were handled during the 500 ms warm-up/,
    );
  });
});

describe('throughputOf', () => {
  const sample = (atMs: number, resolved: number, cpuMicros: number | null) => ({
    atMs,
    resolved,
    cpuMicros,
  });

  it('reports calls per second, CPU per call and CPU as a share of one core', () => {
    const throughput = throughputOf({
      from: sample(1_000, 100, 50_000),
      to: sample(3_000, 500, 850_000),
      drained: false,
    });

    expect(throughput).toEqual({
      events: 400,
      measuredMs: 2_000,
      eventsPerSecond: 200,
      cpuMicrosPerEvent: 2_000,
      cpuPercentOfCore: 40,
      drained: false,
    });
  });

  it('reports no CPU figures where a reading is missing', () => {
    const throughput = throughputOf({
      from: sample(0, 0, null),
      to: sample(1_000, 10, 5_000),
      drained: true,
    });

    expect(throughput.cpuMicrosPerEvent).toBeNull();
    expect(throughput.cpuPercentOfCore).toBeNull();
    expect(throughput.drained).toBe(true);
  });

  it('refuses a window in which nothing was resolved: identity is stuck or gone', () => {
    expect(() =>
      throughputOf({ from: sample(0, 10, 0), to: sample(5_000, 10, 0), drained: false }),
    ).toThrow(/identity handled no event in the 5000 ms measured window/);
  });
});

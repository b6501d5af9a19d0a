import { MetricsRegistry } from './metrics';

describe('MetricsRegistry', () => {
  it('exposes Node default metrics and the service label', async () => {
    const metrics = new MetricsRegistry('scoring');
    const text = await metrics.expose();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('service="scoring"');
  });

  it('exposes counters and histograms created through it', async () => {
    const metrics = new MetricsRegistry('scoring', { defaultMetrics: false });
    metrics
      .counter({ name: 'meridian_events_total', help: 'Events', labelNames: ['type'] })
      .inc({ type: 'track' }, 2);
    metrics
      .histogram({ name: 'meridian_latency_seconds', help: 'Latency', buckets: [0.1, 1] })
      .observe(0.5);

    const text = await metrics.expose();
    expect(text).toContain('meridian_events_total{type="track",service="scoring"} 2');
    expect(text).toContain('meridian_latency_seconds_bucket{le="1",service="scoring"} 1');
  });

  it('returns the same metric when asked twice and refuses a name reused for another type', () => {
    const metrics = new MetricsRegistry('scoring', { defaultMetrics: false });
    const first = metrics.counter({ name: 'meridian_things_total', help: 'Things' });
    expect(metrics.counter({ name: 'meridian_things_total', help: 'Things' })).toBe(first);
    expect(() => metrics.gauge({ name: 'meridian_things_total', help: 'Things' })).toThrow(
      'another type',
    );
  });

  it('keeps registries of two apps in one process apart', async () => {
    new MetricsRegistry('a', { defaultMetrics: false })
      .counter({ name: 'meridian_x_total', help: 'x' })
      .inc();
    const other = new MetricsRegistry('b', { defaultMetrics: false });
    expect(await other.expose()).not.toContain('meridian_x_total');
  });
});

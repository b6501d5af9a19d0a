import { DEFAULT_OPTIONS, parseBenchArgs, UsageError } from './options';

describe('parseBenchArgs', () => {
  it('takes the benchmark name and fills every option with its default', () => {
    expect(parseBenchArgs(['ingest'])).toEqual({ benchmark: 'ingest', options: DEFAULT_OPTIONS });
  });

  it('defaults to 100 events of 1 KB per request', () => {
    expect(DEFAULT_OPTIONS.eventsPerRequest).toBe(100);
    expect(DEFAULT_OPTIONS.eventBytes).toBe(1024);
  });

  it('reads every option, as "--name value" and as "--name=value"', () => {
    const { options } = parseBenchArgs([
      'ingest',
      '--duration',
      '30',
      '--warmup=2.5',
      '--connections',
      '16',
      '--events-per-request',
      '50',
      '--event-bytes=2048',
      '--partitions',
      '4',
      '--instances=3',
      '--json',
      '--assert',
    ]);

    expect(options).toEqual({
      durationSeconds: 30,
      warmupSeconds: 2.5,
      connections: 16,
      eventsPerRequest: 50,
      eventBytes: 2048,
      partitions: 4,
      instances: 3,
      json: true,
      assert: true,
    });
  });

  it('accepts options before the benchmark name', () => {
    expect(parseBenchArgs(['--json', 'ingest']).benchmark).toBe('ingest');
  });

  it.each([
    [[], /name a benchmark/],
    [['ingest', 'profile'], /unexpected arguments: profile/],
    [['ingest', '--speed', '3'], /speed/],
    [['ingest', '--duration'], /duration/],
    [['ingest', '--connections', '0'], /--connections/],
    [['ingest', '--connections', '2.5'], /--connections/],
    [['ingest', '--duration', 'soon'], /--duration/],
    [['ingest', '--event-bytes', '100'], /--event-bytes/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(UsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

import { parseArgs, UsageError } from './args';

describe('parseArgs', () => {
  it('defaults to the dev profile with no port overrides', () => {
    expect(parseArgs(['up'])).toEqual({
      command: 'up',
      profile: 'dev',
      dataDir: undefined,
      ports: {},
    });
  });

  it('reads the profile, data dir and port overrides', () => {
    const args = parseArgs([
      'status',
      '--profile',
      'test',
      '--data-dir',
      '/tmp/x',
      '--nats-port',
      '34222',
      '--nats-monitor-port=38222',
      '--db-port',
      '37217',
    ]);
    expect(args).toEqual({
      command: 'status',
      profile: 'test',
      dataDir: '/tmp/x',
      ports: { nats: 34222, natsMonitor: 38222, db: 37217 },
    });
  });

  it.each([
    [[], /exactly one command/],
    [['up', 'down'], /exactly one command/],
    [['restart'], /command/],
    [['up', '--profile', 'prod'], /profile/],
    [['up', '--verbose'], /verbose/],
    [['up', '--db-port', 'many'], /db/],
  ])('refuses %j with a usage message', (argv, reason) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(reason);
  });

  it.each(['4222', '27017'])('refuses port %s, which belongs to the machine', (port) => {
    expect(() => parseArgs(['up', '--nats-port', port])).toThrow(/machine's own servers/);
  });
});

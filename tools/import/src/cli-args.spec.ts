import { parseImportArgs, UsageError } from './cli-args';

describe('parseImportArgs', () => {
  it('reads the mapping, the file and the common options', () => {
    expect(
      parseImportArgs(['--mapping', 'online-retail', 'a.csv.gz', '--restart', '--limit', '100']),
    ).toMatchObject({
      mapping: 'online-retail',
      file: 'a.csv.gz',
      restart: true,
      limit: 100,
      help: false,
    });
  });

  it('collects the generic mapping options by name', () => {
    const args = parseImportArgs([
      '-m',
      'fields',
      'e.ndjson',
      '--event',
      'Signed Up',
      '--user-id-column',
      'uid',
    ]);
    expect(args.mappingFlags).toMatchObject({ event: 'Signed Up', 'user-id-column': 'uid' });
    expect(args.restart).toBe(false);
    expect(args.limit).toBeUndefined();
  });

  it.each([
    [[], '--mapping is required'],
    [['--mapping', 'x', '--limit', '0'], '--limit takes a positive number'],
    [['--mapping', 'x', '--limit', '1e3'], '--limit takes a positive number'],
    [['--mapping', 'x', '--format', 'xml'], '--format is csv or ndjson'],
    [['--mapping', 'x', 'a.csv', 'b.csv'], 'one file at a time'],
    [['--mapping', 'x', '--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseImportArgs(argv)).toThrow(UsageError);
    expect(() => parseImportArgs(argv)).toThrow(message);
  });
});

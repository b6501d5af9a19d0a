import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportCall } from '@meridian/bulk-import';
import { ExitCode, runImportCli } from './cli';
import { loadImportConfig } from './config';
import { ONLINE_RETAIL_SAMPLE } from './paths';
import type { BatchResult, BatchSender } from './send';

class RecordingSender implements BatchSender {
  readonly calls: ImportCall[] = [];
  async send(calls: readonly ImportCall[]): Promise<BatchResult> {
    this.calls.push(...calls);
    return { refused: [], attempts: 1 };
  }
}

describe('runImportCli', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  let sender: RecordingSender;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    out = [];
    err = [];
    sender = new RecordingSender();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...argv: string[]) =>
    runImportCli(argv, {
      config: loadImportConfig({ IMPORT_DATA_DIR: dir, INIT_CWD: dir }),
      sender,
      io: {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        progress: { write: () => true },
      },
    });

  it('imports a file with a mapping and prints the summary', async () => {
    expect(await run('--mapping', 'online-retail', ONLINE_RETAIL_SAMPLE)).toBe(ExitCode.ok);
    expect(sender.calls).toHaveLength(6);
    expect(out[0]).toBe('import online-retail completed');
    expect(out.join('\n')).toMatch(/calls +6 sent, 6 accepted/);
    expect(out.join('\n')).toContain(join(dir, 'online-retail-'));
  });

  it('imports an NDJSON file, named relative to where npm was run, with the fields mapping', async () => {
    writeFileSync(
      join(dir, 'signups.ndjson'),
      '{"id":"a1","user":"u1","plan":"pro"}\n{"id":"a2","user":"u2","plan":"free"}\n',
    );
    const code = await run(
      '--mapping',
      'fields',
      'signups.ndjson',
      '--event',
      'Signed Up',
      '--user-id-column',
      'user',
      '--key-column',
      'id',
    );
    expect(code).toBe(ExitCode.ok);
    expect(sender.calls).toEqual([
      expect.objectContaining({
        messageId: 'import:fields:signups:a1',
        properties: { plan: 'pro' },
      }),
      expect.objectContaining({ messageId: 'import:fields:signups:a2', userId: 'u2' }),
    ]);
  });

  it('exits 2 with the usage for a wrong command line', async () => {
    expect(await run('--mapping', 'nope')).toBe(ExitCode.usage);
    expect(err[0]).toContain('unknown mapping "nope"');
    expect(err[0]).toContain('Usage: npm run import --');
    expect(await run('--mapping', 'online-retail', '--event', 'X')).toBe(ExitCode.usage);
    expect(err[1]).toContain('mapping online-retail does not take --event');
    expect(await run('--mapping', 'fields', 'x.csv', '--event', 'X')).toBe(ExitCode.usage);
    expect(sender.calls).toEqual([]);
  });

  it('prints the usage on --help', async () => {
    expect(await run('--help')).toBe(ExitCode.ok);
    expect(out[0]).toContain('online-retail');
  });

  it('exits 1 naming a file that does not exist', async () => {
    expect(await run('--mapping', 'online-retail', 'missing.csv')).toBe(ExitCode.failed);
    expect(err).toEqual([`import failed: file not found: ${join(dir, 'missing.csv')}`]);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SourceRow } from './rows';
import { formatOf, openSource } from './source';

async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const all: SourceRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe('openSource', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-source-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads CSV rows as objects keyed by the header, numbered like the file records', async () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'id,name\n1,"Ann, A."\n2,Bob\n');
    const source = await openSource(file);
    expect(await collect(source.rows())).toEqual([
      { number: 2, values: { id: '1', name: 'Ann, A.' } },
      { number: 3, values: { id: '2', name: 'Bob' } },
    ]);
  });

  it('gunzips a .gz file transparently and reports compressed bytes read against its size', async () => {
    const file = join(dir, 'a.csv.gz');
    const lines = ['id,n', ...Array.from({ length: 5000 }, (_, i) => `${i},${i * 2}`)];
    writeFileSync(file, gzipSync(lines.join('\n')));
    const source = await openSource(file);
    const rows = await collect(source.rows());
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toEqual({ number: 5001, values: { id: '4999', n: '9998' } });
    expect(source.gzipped).toBe(true);
    expect(source.bytesRead()).toBe(source.totalBytes);
  });

  it('reads NDJSON objects with their line numbers, skipping blank lines', async () => {
    const file = join(dir, 'e.ndjson');
    writeFileSync(file, '{"a":1}\r\n\n{"a":{"b":[2]}}\n');
    const source = await openSource(file);
    expect(await collect(source.rows())).toEqual([
      { number: 1, values: { a: 1 } },
      { number: 3, values: { a: { b: [2] } } },
    ]);
  });

  it('fails on an NDJSON line that is not an object, naming the line', async () => {
    const file = join(dir, 'e.jsonl');
    writeFileSync(file, '{"a":1}\n[1,2]\n');
    const source = await openSource(file);
    await expect(collect(source.rows())).rejects.toThrow('NDJSON line 2: expected a JSON object');
  });

  it('fails before the first row when the header lacks a required column', async () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'id,name\n1,Ann\n');
    const source = await openSource(file);
    await expect(collect(source.rows({ requiredColumns: ['id', 'email'] }))).rejects.toThrow(
      'the header lacks the column(s) email',
    );
  });

  it('fails on a record whose field count differs from the header, naming the record', async () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'id,name\n1,Ann\n2,Bob,extra\n');
    const source = await openSource(file);
    await expect(collect(source.rows())).rejects.toThrow(
      'CSV record 3: 3 field(s) where the header has 2',
    );
  });

  it('stops reading when the consumer stops early, having read only a bounded head', async () => {
    const file = join(dir, 'big.csv.gz');
    // Random text hardly compresses: megabytes on disk, far more than the read-ahead buffers.
    const text = randomBytes(3_000_000)
      .toString('base64')
      .replace(/(.{64})/g, '$1\n');
    writeFileSync(file, gzipSync(`id\n${text}`, { level: 1 }));
    const source = await openSource(file);
    for await (const row of source.rows()) {
      if (row.number === 10) break;
    }
    expect(source.totalBytes).toBeGreaterThan(2_000_000);
    expect(source.bytesRead()).toBeLessThan(source.totalBytes / 2);
  });

  it('tells the format from the extension, through .gz', () => {
    expect(formatOf('x/online-retail.csv.gz')).toBe('csv');
    expect(formatOf('events.JSONL')).toBe('ndjson');
    expect(formatOf('events.ndjson.gz')).toBe('ndjson');
    expect(formatOf('notes.txt')).toBeUndefined();
  });
});

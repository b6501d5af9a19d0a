import { CsvFormatError } from './csv-parser';
import {
  rowsOf,
  type MalformedRow,
  type ReadOptions,
  type SourceFormat,
  type SourceRow,
} from './rows';

async function* chunks(text: string, size = 3): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(
  text: string,
  format: SourceFormat,
  options: ReadOptions = {},
): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of rowsOf(chunks(text), format, options)) rows.push(row);
  return rows;
}

describe('rowsOf with onMalformedRow', () => {
  it('reports a CSV record with the wrong field count by number and reads on', async () => {
    const malformed: MalformedRow[] = [];
    const rows = await read('id,name\n1,Ann\n2,Bob,extra\n3,Cy\n', 'csv', {
      onMalformedRow: (row) => malformed.push(row),
    });
    expect(rows.map((row) => row.number)).toEqual([2, 4]);
    expect(malformed).toEqual([
      { number: 3, message: 'CSV record 3: 3 field(s) where the header has 2' },
    ]);
  });

  it('reports NDJSON lines that are not JSON objects by line number and reads on', async () => {
    const malformed: MalformedRow[] = [];
    const rows = await read('{"a":1}\n{oops\n[1]\n\n{"a":2}\n', 'ndjson', {
      onMalformedRow: (row) => malformed.push(row),
    });
    expect(rows).toEqual([
      { number: 1, values: { a: 1 } },
      { number: 5, values: { a: 2 } },
    ]);
    expect(malformed.map((row) => row.number)).toEqual([2, 3]);
    expect(malformed[1]?.message).toBe('NDJSON line 3: expected a JSON object');
  });

  it('still fails on a problem of the whole file: a header without a required column', async () => {
    await expect(
      read('id\n1\n', 'csv', { requiredColumns: ['email'], onMalformedRow: () => undefined }),
    ).rejects.toThrow('the header lacks the column(s) email');
  });
});

describe('rowsOf with maxRecordChars', () => {
  it('fails on a CSV record longer than the limit, as an unclosed quote makes it', async () => {
    const text = `id,text\n1,"never closed\n${'x,y\n'.repeat(100)}`;
    await expect(read(text, 'csv', { maxRecordChars: 50 })).rejects.toEqual(
      new CsvFormatError(2, 'longer than 50 characters (is a quote not closed?)'),
    );
  });

  it('reports an NDJSON line longer than the limit and reads the next line', async () => {
    const malformed: MalformedRow[] = [];
    const long = `{"a":"${'x'.repeat(100)}"}`;
    const rows = await read(`${long}\n{"b":1}\n`, 'ndjson', {
      maxRecordChars: 50,
      onMalformedRow: (row) => malformed.push(row),
    });
    expect(rows).toEqual([{ number: 2, values: { b: 1 } }]);
    expect(malformed).toEqual([{ number: 1, message: 'NDJSON line 1: longer than 50 characters' }]);
  });

  it('reads records up to the limit', async () => {
    const rows = await read('id,text\n1,abcdefgh\n', 'csv', { maxRecordChars: 11 });
    expect(rows).toEqual([{ number: 2, values: { id: '1', text: 'abcdefgh' } }]);
  });
});

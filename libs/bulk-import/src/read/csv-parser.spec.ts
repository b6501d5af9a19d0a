import { CsvFormatError, CsvParser, parseCsv } from './csv-parser';

/** Feeds the text in pieces of `size` characters, as a stream would. */
function parseInChunks(text: string, size: number): string[][] {
  const records: string[][] = [];
  const parser = new CsvParser();
  const emit = (record: string[]) => records.push(record);
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size), emit);
  parser.end(emit);
  return records;
}

describe('CsvParser', () => {
  it('splits plain fields and LF-terminated records', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts CRLF line ends and a last record without a line end', () => {
    expect(parseCsv('a,b\r\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'id,text\n1,"a, b"\n2,"say ""hi"""\n3,"line one\nline two"\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'text'],
      ['1', 'a, b'],
      ['2', 'say "hi"'],
      ['3', 'line one\nline two'],
    ]);
  });

  it('keeps empty fields, quoted empty fields and trailing empty fields', () => {
    expect(parseCsv('a,b,c\n,"",\n')).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
    ]);
  });

  it('reads a lone quoted empty field as a record, not as a blank line', () => {
    expect(parseCsv('a\n""\n')).toEqual([['a'], ['']]);
  });

  it('skips blank lines', () => {
    expect(parseCsv('a,b\n\n1,2\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('drops a UTF-8 byte order mark before the header', () => {
    expect(parseCsv('\uFEFFa,b\n1,2\n')[0]).toEqual(['a', 'b']);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(parseCsv('a,b\n5" pipe,x\n')[1]).toEqual(['5" pipe', 'x']);
  });

  it('gives the same records whatever the chunk boundaries (quotes, "" and CRLF split)', () => {
    const text = 'h1,h2\r\n"x ""q"" y",2\r\n"multi\r\nline",""\r\nlast,"a,b"';
    const whole = parseCsv(text);
    for (const size of [1, 2, 3, 5, 7, 64]) expect(parseInChunks(text, size)).toEqual(whole);
    expect(whole).toEqual([
      ['h1', 'h2'],
      ['x "q" y', '2'],
      ['multi\r\nline', ''],
      ['last', 'a,b'],
    ]);
  });

  it('fails with the record number when a quoted field is never closed', () => {
    expect(() => parseCsv('a,b\n1,2\n3,"open\n')).toThrow(
      new CsvFormatError(3, 'a quoted field is not closed before the end'),
    );
  });
});

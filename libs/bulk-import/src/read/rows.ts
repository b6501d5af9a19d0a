import { CsvFormatError, CsvParser } from './csv-parser';
import { NdjsonParser } from './ndjson';

export const SOURCE_FORMATS = ['csv', 'ndjson'] as const;

export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** One data row: CSV values are strings keyed by the header, NDJSON values are as parsed. */
export interface SourceRow {
  /** CSV record number (the header is 1) or NDJSON line number: where to look in the file. */
  readonly number: number;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A row that cannot be read (wrong field count, not a JSON object): reported, not dropped. */
export interface MalformedRow {
  readonly number: number;
  readonly message: string;
}

export interface ReadOptions {
  /** CSV columns the mapping needs; a header without them fails before any row is read. */
  readonly requiredColumns?: readonly string[];
  /**
   * When given, a malformed row is handed here and reading goes on; without it, the first
   * one fails the read. A file-level problem (header, unclosed quote) always fails it.
   */
  readonly onMalformedRow?: (row: MalformedRow) => void;
  /** Longest CSV record or NDJSON line in characters (default: no limit). */
  readonly maxRecordChars?: number;
}

/** The rows of a text that arrives in chunks, read only as fast as they are consumed. */
export function rowsOf(
  text: AsyncIterable<string>,
  format: SourceFormat,
  options: ReadOptions = {},
): AsyncGenerator<SourceRow> {
  return format === 'csv' ? csvRows(text, options) : ndjsonRows(text, options);
}

async function* csvRows(
  text: AsyncIterable<string>,
  options: ReadOptions,
): AsyncGenerator<SourceRow> {
  const parser = new CsvParser(options.maxRecordChars);
  let header: readonly string[] | undefined;
  let number = 0;
  const pending: SourceRow[] = [];
  const emit = (record: string[]) => {
    number += 1;
    if (!header) {
      header = checkedHeader(record, options.requiredColumns ?? []);
      return;
    }
    if (record.length === header.length) {
      pending.push({ number, values: rowObject(header, record) });
      return;
    }
    const error = new CsvFormatError(
      number,
      `${record.length} field(s) where the header has ${header.length}`,
    );
    if (!options.onMalformedRow) throw error;
    options.onMalformedRow({ number, message: error.message });
  };
  for await (const chunk of text) {
    parser.push(chunk, emit);
    yield* pending.splice(0);
  }
  parser.end(emit);
  yield* pending.splice(0);
  if (!header) throw new CsvFormatError(1, 'the file is empty: expected a header line');
}

async function* ndjsonRows(
  text: AsyncIterable<string>,
  options: ReadOptions,
): AsyncGenerator<SourceRow> {
  const { onMalformedRow } = options;
  const parser = new NdjsonParser({
    maxLineChars: options.maxRecordChars,
    ...(onMalformedRow
      ? { onInvalidLine: (error) => onMalformedRow({ number: error.line, message: error.message }) }
      : {}),
  });
  const pending: SourceRow[] = [];
  const emit = ({ line, value }: { line: number; value: Readonly<Record<string, unknown>> }) =>
    pending.push({ number: line, values: value });
  for await (const chunk of text) {
    parser.push(chunk, emit);
    yield* pending.splice(0);
  }
  parser.end(emit);
  yield* pending.splice(0);
}

function checkedHeader(record: readonly string[], required: readonly string[]): readonly string[] {
  const header = record.map((name) => name.trim());
  const duplicate = header.find((name, index) => header.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new CsvFormatError(1, `the header names the column "${duplicate}" twice`);
  }
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new CsvFormatError(
      1,
      `the header lacks the column(s) ${missing.join(', ')} (it has ${header.join(', ')})`,
    );
  }
  return header;
}

function rowObject(header: readonly string[], record: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  header.forEach((name, index) => {
    values[name] = record[index] ?? '';
  });
  return values;
}

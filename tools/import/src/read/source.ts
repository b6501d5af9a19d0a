import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CsvFormatError, CsvParser } from './csv-parser';
import { NdjsonParser } from './ndjson';

export type SourceFormat = 'csv' | 'ndjson';

/** Larger than Node's 64 KB / 16 KB defaults: a fifth of the zlib callbacks, same memory bound. */
const READ_CHUNK_BYTES = 256 * 1024;

/** One data row: CSV values are strings keyed by the header, NDJSON values are as parsed. */
export interface SourceRow {
  /** CSV record number (the header is 1) or NDJSON line number: where to look in the file. */
  readonly number: number;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface ReadOptions {
  /** CSV columns the mapping needs; a header without them fails before any row is read. */
  readonly requiredColumns?: readonly string[];
}

/** A file opened for streaming: rows are read lazily, with backpressure, in constant memory. */
export interface Source {
  readonly path: string;
  readonly format: SourceFormat;
  readonly gzipped: boolean;
  /** Size of the file on disk (compressed when gzipped): the denominator of progress. */
  readonly totalBytes: number;
  /** Bytes read from disk so far (compressed when gzipped). */
  bytesRead(): number;
  /** The rows, once: the file is read as they are consumed and closed when iteration stops. */
  rows(options?: ReadOptions): AsyncGenerator<SourceRow>;
}

/** The format a file name implies, looking through a trailing .gz. */
export function formatOf(path: string): SourceFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  return undefined;
}

export async function openSource(path: string, format?: SourceFormat): Promise<Source> {
  const resolvedFormat = format ?? formatOf(path);
  if (!resolvedFormat) {
    throw new Error(`cannot tell the format of ${path}: name it .csv or .ndjson (optionally .gz)`);
  }
  const { size } = await stat(path);
  const gzipped = path.toLowerCase().endsWith('.gz');
  let file: ReadStream | undefined;
  return {
    path,
    format: resolvedFormat,
    gzipped,
    totalBytes: size,
    bytesRead: () => file?.bytesRead ?? 0,
    rows(options = {}) {
      if (file) throw new Error(`the rows of ${path} can be read only once`);
      file = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
      const text = decodedText(file, gzipped);
      return resolvedFormat === 'csv'
        ? csvRows(text, options.requiredColumns ?? [])
        : ndjsonRows(text);
    },
  };
}

/** The file as UTF-8 text chunks, gunzipped on the fly; errors of either stream surface. */
function decodedText(file: ReadStream, gzipped: boolean): Readable {
  if (!gzipped) return file.setEncoding('utf8');
  const gunzip = createGunzip({ chunkSize: READ_CHUNK_BYTES });
  file.on('error', (error) => gunzip.destroy(error));
  // Stopping early destroys the gunzip stream; the file under it must close with it.
  gunzip.on('close', () => file.destroy());
  return file.pipe(gunzip).setEncoding('utf8');
}

async function* textChunks(text: Readable): AsyncGenerator<string> {
  try {
    // Async iteration pulls one chunk at a time: the file is read no faster than rows are used.
    for await (const chunk of text) yield typeof chunk === 'string' ? chunk : String(chunk);
  } finally {
    text.destroy();
  }
}

async function* csvRows(
  text: Readable,
  requiredColumns: readonly string[],
): AsyncGenerator<SourceRow> {
  const parser = new CsvParser();
  let header: readonly string[] | undefined;
  let number = 0;
  const pending: SourceRow[] = [];
  const emit = (record: string[]) => {
    number += 1;
    if (!header) {
      header = checkedHeader(record, requiredColumns);
      return;
    }
    pending.push({ number, values: rowObject(header, record, number) });
  };
  for await (const chunk of textChunks(text)) {
    parser.push(chunk, emit);
    yield* pending.splice(0);
  }
  parser.end(emit);
  yield* pending.splice(0);
  if (!header) throw new CsvFormatError(1, 'the file is empty: expected a header line');
}

async function* ndjsonRows(text: Readable): AsyncGenerator<SourceRow> {
  const parser = new NdjsonParser();
  const pending: SourceRow[] = [];
  const emit = ({ line, value }: { line: number; value: Readonly<Record<string, unknown>> }) =>
    pending.push({ number: line, values: value });
  for await (const chunk of textChunks(text)) {
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

function rowObject(
  header: readonly string[],
  record: readonly string[],
  number: number,
): Record<string, string> {
  if (record.length !== header.length) {
    throw new CsvFormatError(
      number,
      `${record.length} field(s) where the header has ${header.length}`,
    );
  }
  const values: Record<string, string> = {};
  header.forEach((name, index) => {
    values[name] = record[index] ?? '';
  });
  return values;
}

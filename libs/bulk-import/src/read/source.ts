import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { decodedText } from './decoded-text';
import { rowsOf, type ReadOptions, type SourceFormat, type SourceRow } from './rows';

/** Larger than Node's 64 KB default: fewer reads and zlib callbacks, same memory bound. */
const READ_CHUNK_BYTES = 256 * 1024;

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
      return rowsOf(decodedText(file, gzipped ? 'gzip' : 'none'), resolvedFormat, options);
    },
  };
}

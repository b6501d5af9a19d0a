import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** How the bytes are compressed; `auto` looks for gzip's magic bytes at the start. */
export type Compression = 'gzip' | 'none' | 'auto';

/** Larger than zlib's 16 KB default: a sixteenth of the callbacks, same memory bound. */
export const DECODE_CHUNK_BYTES = 256 * 1024;

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** The input is not valid gzip (or ends in the middle of it). */
export class GzipFormatError extends Error {
  constructor(cause: unknown) {
    super(
      `the input is not valid gzip: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'GzipFormatError';
  }
}

/**
 * Bytes (a file or request stream) as UTF-8 text chunks, gunzipped on the fly. Pulls one
 * chunk at a time: the input is read no faster than the text is consumed, and stopping the
 * iteration stops (and releases) the input. A character split across chunks is kept whole.
 */
export async function* decodedText(
  bytes: AsyncIterable<Uint8Array>,
  compression: Compression = 'auto',
): AsyncGenerator<string> {
  const iterator = bytes[Symbol.asyncIterator]();
  const head = compression === 'auto' ? await peek(iterator, GZIP_MAGIC.length) : [];
  const gzipped =
    compression === 'gzip' ||
    (compression === 'auto' && Buffer.concat(head).subarray(0, 2).equals(GZIP_MAGIC));
  const all = replay(head, iterator);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of gzipped ? gunzipped(all) : all) {
    const text = decoder.write(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

/** The first chunks of the input, at least `bytes` long unless the input is shorter. */
async function peek(iterator: AsyncIterator<Uint8Array>, bytes: number): Promise<Buffer[]> {
  const head: Buffer[] = [];
  let length = 0;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done === true) break;
    const chunk = Buffer.from(next.value);
    head.push(chunk);
    length += chunk.length;
  }
  return head;
}

async function* replay(
  head: readonly Buffer[],
  iterator: AsyncIterator<Uint8Array>,
): AsyncGenerator<Buffer> {
  try {
    yield* head;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    }
  } finally {
    // Stopping early (or failing) closes the input, e.g. destroys the file stream.
    await iterator.return?.();
  }
}

/** The bytes gunzipped (a body sent with Content-Encoding: gzip), read as they are consumed. */
export async function* gunzipped(input: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  // One chunk read ahead at most: the gunzip stream below buffers the rest.
  const source = Readable.from(input, { objectMode: true, highWaterMark: 1 });
  const gunzip = createGunzip({ chunkSize: DECODE_CHUNK_BYTES });
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip) {
      if (Buffer.isBuffer(chunk)) yield chunk;
    }
  } catch (error) {
    throw isZlibError(error) ? new GzipFormatError(error) : error;
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

/** zlib's own errors carry a Z_* code (Z_DATA_ERROR, Z_BUF_ERROR for a truncated input). */
function isZlibError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return typeof error.code === 'string' && error.code.startsWith('Z_');
}

import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { IngestRejection } from './ingest-rejection';
import {
  BATCH_LIMIT,
  decodeBody,
  MAX_BATCH_BYTES,
  MAX_EVENT_BYTES,
  parseJsonObject,
  readBody,
} from './request-body';

function codeOf(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    if (error instanceof IngestRejection) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('readBody', () => {
  it('collects a body that fits the limit', async () => {
    const body = await readBody(
      Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]),
      undefined,
    );
    expect(body.toString()).toBe('{"a":1}');
  });

  it('refuses a body longer than the limit with EVENT_TOO_LARGE', async () => {
    const chunks = [Buffer.alloc(MAX_EVENT_BYTES), Buffer.alloc(1)];
    await expect(readBody(Readable.from(chunks), undefined)).rejects.toMatchObject({
      code: 'EVENT_TOO_LARGE',
    });
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const request = Readable.from([Buffer.from('{}')]);
    await expect(readBody(request, String(MAX_EVENT_BYTES + 1))).rejects.toMatchObject({
      code: 'EVENT_TOO_LARGE',
    });
  });
});

describe('readBody and decodeBody with the batch limit', () => {
  it('accepts a batch body over 32 KB and refuses one over 500 KB with BATCH_TOO_LARGE (400)', async () => {
    const fits = await readBody(
      Readable.from([Buffer.alloc(MAX_EVENT_BYTES * 2)]),
      undefined,
      BATCH_LIMIT,
    );
    expect(fits.length).toBe(MAX_EVENT_BYTES * 2);
    await expect(
      readBody(Readable.from([Buffer.alloc(MAX_BATCH_BYTES + 1)]), undefined, BATCH_LIMIT),
    ).rejects.toMatchObject({ code: 'BATCH_TOO_LARGE', status: 400 });
  });

  it('refuses a gzip batch that inflates past 500 KB with BATCH_TOO_LARGE', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_BATCH_BYTES + 1, 'a'));
    expect(codeOf(() => decodeBody(bomb, 'gzip', BATCH_LIMIT))).toBe('BATCH_TOO_LARGE');
  });
});

describe('decodeBody', () => {
  it('inflates a gzip body', () => {
    const json = JSON.stringify({ userId: 'u', event: 'E' });
    expect(decodeBody(gzipSync(json), 'gzip').toString()).toBe(json);
    expect(decodeBody(gzipSync(json), ' GZIP ').toString()).toBe(json);
  });

  it('passes an unencoded body through', () => {
    expect(decodeBody(Buffer.from('{}'), undefined).toString()).toBe('{}');
    expect(decodeBody(Buffer.from('{}'), 'identity').toString()).toBe('{}');
  });

  it('refuses a gzip body that inflates past the limit with EVENT_TOO_LARGE', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_EVENT_BYTES + 1, 'a'));
    expect(bomb.length).toBeLessThan(MAX_EVENT_BYTES);
    expect(codeOf(() => decodeBody(bomb, 'gzip'))).toBe('EVENT_TOO_LARGE');
  });

  it('refuses a body that is not gzip although it says so', () => {
    expect(codeOf(() => decodeBody(Buffer.from('{}'), 'gzip'))).toBe('INVALID_ENCODING');
  });

  it('refuses encodings other than gzip', () => {
    expect(codeOf(() => decodeBody(Buffer.from('{}'), 'br'))).toBe('UNSUPPORTED_ENCODING');
  });
});

describe('parseJsonObject', () => {
  it('parses a JSON object', () => {
    expect(parseJsonObject(Buffer.from('{"userId":"u"}'))).toEqual({ userId: 'u' });
  });

  it('refuses malformed JSON and JSON that is not an object with INVALID_JSON', () => {
    expect(codeOf(() => parseJsonObject(Buffer.from('{"userId":')))).toBe('INVALID_JSON');
    expect(codeOf(() => parseJsonObject(Buffer.from('[1,2]')))).toBe('INVALID_JSON');
    expect(codeOf(() => parseJsonObject(Buffer.from('')))).toBe('INVALID_JSON');
  });
});

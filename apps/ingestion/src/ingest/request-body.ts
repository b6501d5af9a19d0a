import type { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { readLimitedBody } from '@meridian/platform';
import { IngestRejection } from './ingest-rejection';

/** Segment's limit for one call; applies to the body as sent and once decompressed. */
export const MAX_EVENT_BYTES = 32 * 1024;

/** Segment's limit for one batch request, as sent and once decompressed. */
export const MAX_BATCH_BYTES = 500 * 1024;

/** How large a body may be and what its refusal says. */
export interface BodyLimit {
  readonly bytes: number;
  readonly code: 'EVENT_TOO_LARGE' | 'BATCH_TOO_LARGE';
}

export const SINGLE_CALL_LIMIT: BodyLimit = { bytes: MAX_EVENT_BYTES, code: 'EVENT_TOO_LARGE' };
export const BATCH_LIMIT: BodyLimit = { bytes: MAX_BATCH_BYTES, code: 'BATCH_TOO_LARGE' };

const tooLarge = (limit: BodyLimit) =>
  new IngestRejection(
    limit.code,
    limit.code === 'EVENT_TOO_LARGE'
      ? `a call may be at most ${limit.bytes} bytes`
      : `a batch request may be at most ${limit.bytes} bytes`,
  );

/**
 * Reads a request body into memory, refusing it as soon as it passes `limit` bytes. The
 * rest of an oversized body is drained, not destroyed, so the caller still gets the 400.
 */
export function readBody(
  request: Readable,
  declaredLength: string | undefined,
  limit: BodyLimit = SINGLE_CALL_LIMIT,
): Promise<Buffer> {
  return readLimitedBody(request, limit.bytes, () => tooLarge(limit), { declaredLength });
}

/** Undoes the Content-Encoding (none or gzip), keeping the decompressed size within `limit`. */
export function decodeBody(
  raw: Buffer,
  contentEncoding: string | undefined,
  limit: BodyLimit = SINGLE_CALL_LIMIT,
): Buffer {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return raw;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new IngestRejection(
      'UNSUPPORTED_ENCODING',
      `Content-Encoding "${encoding}" is not supported; send gzip or no encoding`,
    );
  }
  try {
    // maxOutputLength stops a small "zip bomb" from inflating past the event limit.
    return gunzipSync(raw, { maxOutputLength: limit.bytes });
  } catch (error) {
    if (errorCode(error) === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
    throw new IngestRejection('INVALID_ENCODING', 'the body is not valid gzip', [], {
      cause: error,
    });
  }
}

/** The body as a JSON object; anything else (bad JSON, an array, a number) is INVALID_JSON. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new IngestRejection('INVALID_JSON', 'the body is not valid JSON', [], { cause: error });
  }
  if (!isPlainObject(parsed)) {
    throw new IngestRejection('INVALID_JSON', 'the body must be a JSON object');
  }
  return parsed;
}

function errorCode(error: unknown): unknown {
  return isPlainObject(error) ? error['code'] : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { Readable } from 'node:stream';
import { readLimitedBody } from '@meridian/platform';

/** Why a body was not read to its end. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the body may be at most ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body to its end and keeps none of it, refusing it as soon as it passes
 * `maxBytes` (or declares more). The rest of an oversized body is drained, not destroyed,
 * so the client still receives the refusal rather than a reset connection.
 */
export function discardBody(
  request: Readable,
  declaredLength: string | undefined,
  maxBytes: number,
): Promise<void> {
  return readLimitedBody(request, maxBytes, () => new BodyTooLargeError(maxBytes), {
    declaredLength,
    keep: false,
  }).then(() => undefined);
}

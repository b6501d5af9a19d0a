import type { Readable } from 'node:stream';

export interface LimitedBodyOptions {
  /** Refuse at once when Content-Length already says more than the limit. */
  readonly declaredLength?: string | undefined;
  /** False: count the bytes and keep none (for bodies that are accepted and ignored). */
  readonly keep?: boolean;
}

/**
 * Reads a request body into one buffer, rejecting with `tooLarge()` as soon as it passes
 * `limitBytes` (or declares more). The rest of an oversized body is drained, not destroyed,
 * so the client still reads the refusal rather than a reset connection. The one body reader
 * of every HTTP route that parses bodies itself (Nest's body parser is off in ingestion).
 */
export function readLimitedBody(
  request: Readable,
  limitBytes: number,
  tooLarge: () => Error,
  { declaredLength, keep = true }: LimitedBodyOptions = {},
): Promise<Buffer> {
  if (declaredLength !== undefined && Number(declaredLength) > limitBytes) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: unknown) => {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += bytes.length;
      if (size > limitBytes) {
        stop();
        request.resume();
        reject(tooLarge());
        return;
      }
      if (keep) chunks.push(bytes);
    };
    const onEnd = () => {
      stop();
      resolve(keep ? Buffer.concat(chunks, size) : Buffer.alloc(0));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

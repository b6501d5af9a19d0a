import type { Readable } from 'node:stream';
import { readLimitedBody } from '@meridian/platform';
import { AdminApiError } from '../errors/admin-api-error';

/** Largest admin request body: room for a sizeable tracking plan. */
export const MAX_ADMIN_BODY_BYTES = 1024 * 1024;

/** Whether the content type names JSON (`application/json`, `application/merge-patch+json`, …). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/**
 * Reads and parses a JSON body (the ingestion app turns Nest's body parser off). An empty
 * body is undefined, so the route's schema reports what is missing.
 */
export async function readJsonBody(
  request: Readable,
  limit: number = MAX_ADMIN_BODY_BYTES,
): Promise<unknown> {
  const text = (await readLimited(request, limit)).toString('utf8');
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw AdminApiError.invalid(
      `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function readLimited(request: Readable, limit: number): Promise<Buffer> {
  return readLimitedBody(
    request,
    limit,
    () => new AdminApiError(413, 'payload_too_large', `the body may be at most ${limit} bytes`),
  );
}

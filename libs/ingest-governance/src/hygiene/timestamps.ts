import { IsoDateTime } from '@meridian/contracts';
import type { JsonValue } from '../call';
import { refuse } from './hygiene-refusal';

/** The call's time fields that the client sets. receivedAt is the server's own. */
export const CLIENT_TIMESTAMP_FIELDS = ['timestamp', 'originalTimestamp', 'sentAt'] as const;
export type ClientTimestampField = (typeof CLIENT_TIMESTAMP_FIELDS)[number];

/**
 * An ISO-8601 date-time with 'Z' or an offset (what the contracts accept), normalised to UTC
 * with 'Z' and millisecond precision: '2026-03-01T14:00:00+02:00' → '2026-03-01T12:00:00.000Z'.
 * Absent (undefined/null) stays absent; anything else is refused with INVALID_TIMESTAMP.
 */
export function normaliseTimestamp(
  value: JsonValue | undefined,
  field: ClientTimestampField,
): string | null | undefined {
  if (value === undefined || value === null) return value;
  const text = typeof value === 'string' ? value.trim() : null;
  if (text !== null && isCanonicalUtc(text)) return text;
  const millis = text !== null && IsoDateTime.safeParse(text).success ? Date.parse(text) : NaN;
  if (!Number.isFinite(millis)) {
    refuse(
      'INVALID_TIMESTAMP',
      `${field} must be an ISO-8601 date-time with a time zone, e.g. 2026-03-01T12:00:00Z`,
      [field],
    );
  }
  return new Date(millis).toISOString();
}

/** What SDKs nearly always send and what is stored: UTC, 'Z', milliseconds. */
const CANONICAL_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * Already in the stored form, checked without the contract's full ISO-8601 pattern (which
 * showed in ingestion profiles): the shape, and a round trip that rejects impossible dates
 * such as February 30th.
 */
function isCanonicalUtc(text: string): boolean {
  if (!CANONICAL_UTC.test(text)) return false;
  const millis = Date.parse(text);
  return Number.isFinite(millis) && new Date(millis).toISOString() === text;
}

/**
 * Ingestion refuses a call whose JSON is larger than 32 KiB (EVENT_TOO_LARGE, 32,768 bytes).
 * Mappings keep their calls under this budget instead, leaving room below the limit for what a
 * mapping does not control (a longer messageId key, escaping of unusual descriptions).
 */
export const MAX_CALL_BYTES = 30_000;

/** Ingestion's per-call limit, as its /v1/batch measures it: UTF-8 bytes of the call's JSON. */
export const INGESTION_MAX_CALL_BYTES = 32 * 1024;

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** The longest prefix of `items` whose JSON array elements fit in `room` bytes. */
export function prefixThatFits<T>(items: readonly T[], room: number): T[] {
  const kept: T[] = [];
  let used = 0;
  for (const item of items) {
    // Every element after the first costs its separating comma too.
    const cost = jsonBytes(item) + (kept.length > 0 ? 1 : 0);
    if (used + cost > room) break;
    kept.push(item);
    used += cost;
  }
  return kept;
}

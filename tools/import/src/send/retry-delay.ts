/** Retry-After values beyond this are treated as this: an import waits, it does not sleep for hours. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export interface BackoffPolicy {
  /** Delay before the first retry without a Retry-After; doubled for each further one. */
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 30_000 };

/**
 * Milliseconds a Retry-After header asks for: delta-seconds or an HTTP date. Undefined when
 * absent or unreadable, so the caller falls back to its own backoff.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(date - now, 0), MAX_RETRY_AFTER_MS);
}

/**
 * Exponential backoff with "equal jitter" (half fixed, half random) for the retry after
 * `failures` failed attempts: concurrent requests that failed together do not retry together.
 */
export function backoffMs(failures: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(failures - 1, 0));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

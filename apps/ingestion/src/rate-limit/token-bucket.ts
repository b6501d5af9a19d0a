/** Milliseconds since the epoch; injectable so specs move time without sleeping. */
export type Clock = () => number;

export interface RateLimit {
  /** Tokens (events) added per second. */
  readonly ratePerSecond: number;
  /** Most tokens a bucket holds: the largest burst accepted after a quiet period. */
  readonly burst: number;
}

export type TakeResult =
  { readonly granted: true } | { readonly granted: false; readonly retryAfterSeconds: number };

/**
 * A token bucket: starts full, refills continuously at `ratePerSecond` up to `burst`.
 * A request takes all its tokens or none, so a refused request costs nothing.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now;
  }

  take(count: number, now: number): TakeResult {
    this.refill(now);
    // A request larger than the whole bucket could never pass; it costs a full bucket instead.
    const cost = Math.min(count, this.limit.burst);
    if (cost <= this.tokens) {
      this.tokens -= cost;
      return { granted: true };
    }
    const missing = cost - this.tokens;
    return {
      granted: false,
      retryAfterSeconds: Math.max(1, Math.ceil(missing / this.limit.ratePerSecond)),
    };
  }

  private refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1_000;
    this.tokens = Math.min(
      this.limit.burst,
      this.tokens + elapsedSeconds * this.limit.ratePerSecond,
    );
    this.updatedAt = now;
  }
}

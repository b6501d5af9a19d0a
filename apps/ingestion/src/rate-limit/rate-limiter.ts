import { TokenBucket, type Clock, type RateLimit, type TakeResult } from './token-bucket';

/**
 * One token bucket per key (a workspace's source), counted in events. Buckets live in this
 * process: with N ingestion instances behind a balancer a source gets up to N times the
 * rate, which is the accepted trade for not paying a network round trip per request.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock = Date.now,
  ) {
    if (!(limit.ratePerSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError('a rate limit needs a positive rate and a burst of at least 1');
    }
  }

  /** Takes `count` tokens from the key's bucket, or none and says when to retry. */
  take(key: string, count: number): TakeResult {
    const now = this.clock();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.limit, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(count, now);
  }
}

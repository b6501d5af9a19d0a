import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  let now: number;
  const limiter = (ratePerSecond: number, burst: number) =>
    new RateLimiter({ ratePerSecond, burst }, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('grants up to the burst at once, then refuses until tokens refill', () => {
    const limits = limiter(10, 20);

    expect(limits.take('k', 20)).toEqual({ granted: true });
    expect(limits.take('k', 1)).toEqual({ granted: false, retryAfterSeconds: 1 });
    now += 100;
    expect(limits.take('k', 1)).toEqual({ granted: true });
  });

  it('refuses a request it cannot cover whole, takes nothing for it, and says when it would fit', () => {
    const limits = limiter(2, 10);
    limits.take('k', 9);

    expect(limits.take('k', 7)).toEqual({ granted: false, retryAfterSeconds: 3 });
    expect(limits.take('k', 1)).toEqual({ granted: true });
  });

  it('never holds more than the burst, however long the key was quiet', () => {
    const limits = limiter(100, 5);
    now += 3_600_000;

    expect(limits.take('k', 5)).toEqual({ granted: true });
    expect(limits.take('k', 1)).toEqual({ granted: false, retryAfterSeconds: 1 });
  });

  it('lets a request larger than the burst through for a full bucket rather than never', () => {
    const limits = limiter(1, 3);

    expect(limits.take('k', 10)).toEqual({ granted: true });
    expect(limits.take('k', 1)).toEqual({ granted: false, retryAfterSeconds: 1 });
  });

  it('keeps a bucket per key', () => {
    const limits = limiter(1, 1);

    expect(limits.take('a', 1)).toEqual({ granted: true });
    expect(limits.take('b', 1)).toEqual({ granted: true });
    expect(limits.take('a', 1).granted).toBe(false);
  });

  it('refuses a rate or burst that could never grant anything', () => {
    expect(() => limiter(0, 10)).toThrow(RangeError);
    expect(() => limiter(10, 0)).toThrow(RangeError);
  });
});

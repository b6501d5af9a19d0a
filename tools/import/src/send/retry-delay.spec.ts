import { backoffMs, MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-delay';

describe('retryAfterMs', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('5', now)).toBe(5000);
    expect(retryAfterMs('0.5', now)).toBe(500);
    expect(retryAfterMs('Wed, 01 May 2024 12:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('Wed, 01 May 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('leaves absent or unreadable values to the backoff, and caps long waits', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('86400', now)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe('backoffMs', () => {
  const policy = { baseMs: 100, maxMs: 1000 };

  it('doubles per failure between half and all of the ceiling, up to the maximum', () => {
    expect(backoffMs(1, policy, () => 0)).toBe(50);
    expect(backoffMs(1, policy, () => 1)).toBe(100);
    expect(backoffMs(3, policy, () => 1)).toBe(400);
    expect(backoffMs(10, policy, () => 1)).toBe(1000);
  });
});

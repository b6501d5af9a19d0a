import { PermanentError } from './errors';
import { decideOutcome, isFinalDelivery, retryDelayMs } from './outcome';

const backoff = { initialMs: 1_000, maxMs: 60_000 };
const early = { deliveryCount: 1, maxDeliver: 5 };

describe('retryDelayMs', () => {
  it('doubles the delay with each failed delivery', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, backoff))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never exceeds the maximum, even for huge delivery counts', () => {
    expect(retryDelayMs(7, backoff)).toBe(60_000);
    expect(retryDelayMs(10_000, backoff)).toBe(60_000);
  });

  it('follows a configured initial delay', () => {
    expect(retryDelayMs(2, { initialMs: 250, maxMs: 60_000 })).toBe(500);
  });
});

describe('isFinalDelivery', () => {
  it('is true from the max_deliver-th delivery on, and never when deliveries are unlimited', () => {
    expect(isFinalDelivery({ deliveryCount: 4, maxDeliver: 5 })).toBe(false);
    expect(isFinalDelivery({ deliveryCount: 5, maxDeliver: 5 })).toBe(true);
    expect(isFinalDelivery({ deliveryCount: 500, maxDeliver: -1 })).toBe(false);
  });
});

describe('decideOutcome', () => {
  it('acks a handled message', () => {
    expect(decideOutcome({ kind: 'handled' }, early, backoff)).toEqual({ action: 'ack' });
  });

  it('naks an ordinary failure with the backoff of its delivery count', () => {
    const outcome = decideOutcome(
      { kind: 'failed', error: new Error('mongo down') },
      { deliveryCount: 3, maxDeliver: 5 },
      backoff,
    );
    expect(outcome).toEqual({ action: 'nak', delayMs: 4_000, detail: 'Error: mongo down' });
  });

  it('dead-letters a PermanentError on its first delivery', () => {
    const outcome = decideOutcome(
      { kind: 'failed', error: new PermanentError('unknown template') },
      early,
      backoff,
    );
    expect(outcome).toMatchObject({ action: 'dead-letter', reason: 'permanent error' });
  });

  it('dead-letters a failure of the last delivery as max deliveries', () => {
    const outcome = decideOutcome(
      { kind: 'failed', error: new Error('still down') },
      { deliveryCount: 5, maxDeliver: 5 },
      backoff,
    );
    expect(outcome).toMatchObject({ action: 'dead-letter', reason: 'max deliveries' });
    expect(outcome.action === 'dead-letter' && outcome.detail).toContain('still down');
  });

  it.each(['invalid json', 'schema validation failed', 'no handler'] as const)(
    'dead-letters a message rejected as %s without retrying',
    (reason) => {
      expect(decideOutcome({ kind: 'rejected', reason, detail: 'x' }, early, backoff)).toEqual({
        action: 'dead-letter',
        reason,
        detail: 'x',
      });
    },
  );
});

import { describeError, PermanentError } from './errors';
import type { RetryBackoff } from './options';

/** Why a message was given up on; carried in the dead-letter copy's reason header. */
export type DeadLetterReason =
  'invalid json' | 'schema validation failed' | 'no handler' | 'permanent error' | 'max deliveries';

/** What happened when a message was offered to its handler. */
export type HandlingResult =
  | { readonly kind: 'handled' }
  /** The message never reached a handler: it cannot be read, matched or validated. */
  | {
      readonly kind: 'rejected';
      readonly reason: 'invalid json' | 'schema validation failed' | 'no handler';
      readonly detail: string;
    }
  | { readonly kind: 'failed'; readonly error: unknown };

export type Outcome =
  | { readonly action: 'ack' }
  | { readonly action: 'nak'; readonly delayMs: number; readonly detail: string }
  | { readonly action: 'dead-letter'; readonly reason: DeadLetterReason; readonly detail: string };

export interface Delivery {
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  /** The consumer's max_deliver; 0 or less means unlimited. */
  readonly maxDeliver: number;
}

/** Nak delay after the n-th failed delivery: initial·2^(n-1), capped at the maximum. */
export function retryDelayMs(deliveryCount: number, backoff: RetryBackoff): number {
  const exponent = Math.max(0, deliveryCount - 1);
  // Cap the exponent so 2^n stays finite for absurd delivery counts.
  return Math.min(backoff.initialMs * 2 ** Math.min(exponent, 52), backoff.maxMs);
}

export function isFinalDelivery(delivery: Delivery): boolean {
  return delivery.maxDeliver > 0 && delivery.deliveryCount >= delivery.maxDeliver;
}

/**
 * The transport's whole retry policy. Messages that can never succeed (unreadable, unmatched,
 * invalid, or declared permanent by the handler) are dead-lettered at once; ordinary errors
 * are retried with a growing delay until the last delivery, whose failure is dead-lettered
 * too, so no message silently disappears when max_deliver is reached.
 */
export function decideOutcome(
  result: HandlingResult,
  delivery: Delivery,
  backoff: RetryBackoff,
): Outcome {
  if (result.kind === 'handled') return { action: 'ack' };
  if (result.kind === 'rejected')
    return { action: 'dead-letter', reason: result.reason, detail: result.detail };
  const detail = describeError(result.error);
  if (result.error instanceof PermanentError)
    return { action: 'dead-letter', reason: 'permanent error', detail };
  if (isFinalDelivery(delivery)) {
    return {
      action: 'dead-letter',
      reason: 'max deliveries',
      detail: `delivery ${delivery.deliveryCount} of ${delivery.maxDeliver} failed: ${detail}`,
    };
  }
  return { action: 'nak', delayMs: retryDelayMs(delivery.deliveryCount, backoff), detail };
}

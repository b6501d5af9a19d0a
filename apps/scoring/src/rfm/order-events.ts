import type { EventsResolvedV1 } from '@meridian/contracts';
import type { OrderEvent } from '@meridian/rfm';

export const ORDER_COMPLETED = 'Order Completed';
export const ORDER_REFUNDED = 'Order Refunded';

/** An order event as RFM reads it: revenue in currency units, `at` in epoch ms. */
export interface OrderEventInput extends OrderEvent {
  readonly at: number;
}

/** What a resolved event is to RFM. */
export type OrderReading =
  | { readonly kind: 'not-an-order' }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'completed' | 'refunded'; readonly order: OrderEventInput };

const NOT_AN_ORDER: OrderReading = { kind: 'not-an-order' };

/**
 * The order in a resolved event: a `track` of Order Completed or Order Refunded with
 * `properties.orderId` (Segment's `order_id` is read too) and `properties.revenue` (0 when
 * absent), at the call's timestamp (event time). Any other event is not an order, found out
 * before anything else is read, since most events are not. A refund gives back |revenue|: some
 * sources book refunds as negative amounts.
 */
export function readOrderEvent(event: EventsResolvedV1): OrderReading {
  const { call } = event.payload;
  if (call.type !== 'track') return NOT_AN_ORDER;
  const kind =
    call.event === ORDER_COMPLETED
      ? 'completed'
      : call.event === ORDER_REFUNDED
        ? 'refunded'
        : undefined;
  if (kind === undefined) return NOT_AN_ORDER;
  const properties = call.properties;
  const orderId = orderIdOf(properties['orderId'] ?? properties['order_id']);
  if (orderId === undefined)
    return { kind: 'invalid', reason: `${call.event} without properties.orderId` };
  const revenue = revenueOf(properties['revenue']);
  if (revenue === undefined)
    return {
      kind: 'invalid',
      reason: `${call.event} ${orderId}: properties.revenue is not a number: ${JSON.stringify(properties['revenue'])}`,
    };
  const at = Date.parse(call.timestamp);
  return {
    kind,
    order: { orderId, revenue: kind === 'refunded' ? Math.abs(revenue) : revenue, at },
  };
}

function orderIdOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 200 ? trimmed : undefined;
}

/** A revenue as a number: a finite number or a numeric string; 0 when absent. */
function revenueOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

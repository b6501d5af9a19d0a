import type { JsonObject, SegmentCall } from '@meridian/contracts';
import { z } from 'zod';
import { prependBounded } from './bounded';

/** Segment's e-commerce spec names, as the Online Retail import produces them too. */
export const ORDER_COMPLETED = 'Order Completed';
export const ORDER_REFUNDED = 'Order Refunded';

/** How many counted order keys a profile remembers, so a replayed order is not counted twice. */
export const COUNTED_ORDER_KEYS_LIMIT = 500;

export const LastOrder = z.object({
  /** properties.order_id (or orderId); null when the order named none. */
  orderId: z.string().nullable(),
  /** What the order was worth (see revenueOf); null when it said nothing numeric. */
  revenue: z.number().nullable(),
  at: z.string().min(1),
});
export type LastOrder = z.infer<typeof LastOrder>;

/**
 * Revenue computed from `Order Completed` and `Order Refunded` calls. Amounts are summed as
 * sent, whatever their currency: `currency` is the one most recently named, and a workspace
 * that sells in several currencies gets sums across them (convert before sending to avoid it).
 */
export const CommerceTraits = z.object({
  /** Every counted order's revenue, refunds not taken off. */
  lifetimeRevenue: z.number(),
  /** Every counted refund's amount, as a positive number. */
  refundedRevenue: z.number(),
  /** lifetimeRevenue − refundedRevenue. */
  netRevenue: z.number(),
  orderCount: z.number().int().min(0),
  currency: z.string().nullable(),
  lastOrder: LastOrder.nullable(),
});
export type CommerceTraits = z.infer<typeof CommerceTraits>;

export const NO_COMMERCE: CommerceTraits = {
  lifetimeRevenue: 0,
  refundedRevenue: 0,
  netRevenue: 0,
  orderCount: 0,
  currency: null,
  lastOrder: null,
};

/** The commerce traits and the remembered order keys after one call. */
export interface CommerceState {
  readonly commerce: CommerceTraits;
  readonly countedOrderKeys: string[];
}

/**
 * Applies a track call to the commerce traits: `Order Completed` adds an order (once per order
 * id among the remembered keys), `Order Refunded` adds a refund (once per order id and amount,
 * so a replay is dropped while a second partial refund of the same order still counts). Other
 * calls, and orders already counted, return `state` itself. `at` is the call's UTC time.
 */
export function applyCommerce(state: CommerceState, call: SegmentCall, at: string): CommerceState {
  if (call.type !== 'track') return state;
  if (call.event === ORDER_COMPLETED) return addOrder(state, call.properties, at);
  if (call.event === ORDER_REFUNDED) return addRefund(state, call.properties);
  return state;
}

function addOrder(state: CommerceState, properties: JsonObject, at: string): CommerceState {
  const orderId = orderIdOf(properties);
  const key = orderId === null ? null : `order|${orderId}`;
  if (key !== null && state.countedOrderKeys.includes(key)) return state;
  const revenue = revenueOf(properties);
  const { commerce } = state;
  const lifetimeRevenue = roundAmount(commerce.lifetimeRevenue + (revenue ?? 0));
  const newest = commerce.lastOrder === null || at >= commerce.lastOrder.at;
  return {
    commerce: {
      ...commerce,
      lifetimeRevenue,
      netRevenue: roundAmount(lifetimeRevenue - commerce.refundedRevenue),
      orderCount: commerce.orderCount + 1,
      currency: currencyOf(properties) ?? commerce.currency,
      lastOrder: newest ? { orderId, revenue, at } : commerce.lastOrder,
    },
    countedOrderKeys: remember(state.countedOrderKeys, key),
  };
}

function addRefund(state: CommerceState, properties: JsonObject): CommerceState {
  // Senders disagree on the sign of a refund; it is money given back either way.
  const amount = Math.abs(revenueOf(properties) ?? 0);
  const orderId = orderIdOf(properties);
  const key = orderId === null ? null : `refund|${orderId}|${amount}`;
  if (key !== null && state.countedOrderKeys.includes(key)) return state;
  const { commerce } = state;
  const refundedRevenue = roundAmount(commerce.refundedRevenue + amount);
  return {
    commerce: {
      ...commerce,
      refundedRevenue,
      netRevenue: roundAmount(commerce.lifetimeRevenue - refundedRevenue),
      currency: currencyOf(properties) ?? commerce.currency,
    },
    countedOrderKeys: remember(state.countedOrderKeys, key),
  };
}

function remember(keys: string[], key: string | null): string[] {
  return key === null ? keys : prependBounded(keys, key, COUNTED_ORDER_KEYS_LIMIT);
}

/**
 * What an order or refund is worth: properties.revenue, else total, else the sum of its
 * products' price × quantity (quantity 1 when not given); numbers only, strings are ignored.
 * Null when none of these holds a number.
 */
export function revenueOf(properties: JsonObject): number | null {
  const revenue = finiteNumber(properties['revenue']) ?? finiteNumber(properties['total']);
  if (revenue !== null) return revenue;
  const products = properties['products'];
  if (!Array.isArray(products)) return null;
  let sum: number | null = null;
  for (const product of products) {
    if (!isObject(product)) continue;
    const price = finiteNumber(product['price']);
    if (price === null) continue;
    sum = (sum ?? 0) + price * (finiteNumber(product['quantity']) ?? 1);
  }
  return sum === null ? null : roundAmount(sum);
}

/** properties.order_id (Segment's spec) or orderId (the Online Retail import), as text. */
export function orderIdOf(properties: JsonObject): string | null {
  for (const value of [properties['order_id'], properties['orderId']]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (finiteNumber(value) !== null) return String(value);
  }
  return null;
}

function currencyOf(properties: JsonObject): string | null {
  const currency = properties['currency'];
  return typeof currency === 'string' && currency.trim() !== '' ? currency.trim() : null;
}

/** Sums kept to 4 decimal places, so thousands of additions do not drift (0.1 + 0.2). */
export function roundAmount(amount: number): number {
  return Math.round(amount * 10_000) / 10_000 || 0;
}

/** The commerce traits of two profiles of one person: sums added, the later last order. */
export function combineCommerce(held: CommerceTraits, other: CommerceTraits): CommerceTraits {
  const lifetimeRevenue = roundAmount(held.lifetimeRevenue + other.lifetimeRevenue);
  const refundedRevenue = roundAmount(held.refundedRevenue + other.refundedRevenue);
  const lastOrder =
    held.lastOrder === null || (other.lastOrder !== null && other.lastOrder.at > held.lastOrder.at)
      ? other.lastOrder
      : held.lastOrder;
  return {
    lifetimeRevenue,
    refundedRevenue,
    netRevenue: roundAmount(lifetimeRevenue - refundedRevenue),
    orderCount: held.orderCount + other.orderCount,
    currency: held.currency ?? other.currency,
    lastOrder,
  };
}

function finiteNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

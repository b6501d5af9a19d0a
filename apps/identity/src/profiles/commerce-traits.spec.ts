import { SegmentCall } from '@meridian/contracts';
import {
  applyCommerce,
  combineCommerce,
  COUNTED_ORDER_KEYS_LIMIT,
  NO_COMMERCE,
  orderIdOf,
  revenueOf,
  type CommerceState,
} from './commerce-traits';

const START: CommerceState = { commerce: NO_COMMERCE, countedOrderKeys: [] };

function track(event: string, properties: Record<string, unknown>): SegmentCall {
  return SegmentCall.parse({
    type: 'track',
    messageId: `m-${Math.random()}`,
    userId: 'u1',
    event,
    properties,
    timestamp: '2025-01-01T00:00:00.000Z',
    receivedAt: '2025-01-01T00:00:00.000Z',
  });
}

function applyAll(
  calls: readonly { call: SegmentCall; at: string }[],
  state: CommerceState = START,
): CommerceState {
  return calls.reduce((current, { call, at }) => applyCommerce(current, call, at), state);
}

const AT_1 = '2025-01-01T00:00:00.000Z';
const AT_2 = '2025-01-02T00:00:00.000Z';

describe('revenueOf', () => {
  it('reads revenue first, then total, then the products', () => {
    expect(revenueOf({ revenue: 10, total: 12, products: [{ price: 1 }] })).toBe(10);
    expect(revenueOf({ total: 12, products: [{ price: 1 }] })).toBe(12);
    expect(
      revenueOf({
        products: [{ price: 2.5, quantity: 4 }, { price: 1.1 }, { name: 'no price' }, 'junk'],
      }),
    ).toBe(11.1);
  });

  it('takes numbers only: strings and non-finite values do not count', () => {
    expect(revenueOf({ revenue: '10', total: 7 })).toBe(7);
    expect(revenueOf({ revenue: '10' })).toBeNull();
    expect(revenueOf({ products: [{ price: '3' }] })).toBeNull();
    expect(revenueOf({})).toBeNull();
  });
});

describe('orderIdOf', () => {
  it("reads Segment's order_id and the Online Retail import's orderId, numbers as text", () => {
    expect(orderIdOf({ order_id: ' A-1 ' })).toBe('A-1');
    expect(orderIdOf({ orderId: '536365' })).toBe('536365');
    expect(orderIdOf({ order_id: 42 })).toBe('42');
    expect(orderIdOf({ order_id: '', orderId: 'B' })).toBe('B');
    expect(orderIdOf({ order_id: true })).toBeNull();
  });
});

describe('applyCommerce', () => {
  it('adds each order to lifetime revenue and the order count and keeps the last order', () => {
    const state = applyAll([
      {
        call: track('Order Completed', { order_id: 'o1', revenue: 10.1, currency: 'EUR' }),
        at: AT_2,
      },
      { call: track('Order Completed', { orderId: 'o2', total: 0.2 }), at: AT_1 },
    ]);

    expect(state.commerce).toEqual({
      lifetimeRevenue: 10.3,
      refundedRevenue: 0,
      netRevenue: 10.3,
      orderCount: 2,
      currency: 'EUR',
      // The later order by event time, though it arrived first.
      lastOrder: { orderId: 'o1', revenue: 10.1, at: AT_2 },
    });
    expect(state.countedOrderKeys).toEqual(['order|o2', 'order|o1']);
  });

  it('counts a replayed order (same order id) once', () => {
    const order = { orderId: '536365', revenue: 139.12, currency: 'GBP' };
    const once = applyAll([{ call: track('Order Completed', order), at: AT_1 }]);

    const replayed = applyCommerce(once, track('Order Completed', order), AT_1);

    expect(replayed).toBe(once);
    expect(replayed.commerce.orderCount).toBe(1);
  });

  it('counts every order without an id, and an order without revenue as worth nothing', () => {
    const state = applyAll([
      { call: track('Order Completed', { revenue: 5 }), at: AT_1 },
      { call: track('Order Completed', { revenue: 5 }), at: AT_1 },
      { call: track('Order Completed', { order_id: 'x' }), at: AT_2 },
    ]);

    expect(state.commerce.orderCount).toBe(3);
    expect(state.commerce.lifetimeRevenue).toBe(10);
    expect(state.commerce.lastOrder).toEqual({ orderId: 'x', revenue: null, at: AT_2 });
  });

  it('keeps refunds apart from revenue and takes them off the net, whatever their sign', () => {
    const state = applyAll([
      { call: track('Order Completed', { order_id: 'o1', revenue: 100 }), at: AT_1 },
      { call: track('Order Refunded', { order_id: 'o1', total: -30, currency: 'USD' }), at: AT_2 },
      { call: track('Order Refunded', { orderId: 'C536379', revenue: 27.5 }), at: AT_2 },
    ]);

    expect(state.commerce).toMatchObject({
      lifetimeRevenue: 100,
      refundedRevenue: 57.5,
      netRevenue: 42.5,
      orderCount: 1,
      currency: 'USD',
      lastOrder: { orderId: 'o1', revenue: 100, at: AT_1 },
    });
  });

  it('drops a replayed refund but counts a second partial refund of the same order', () => {
    const refund = (revenue: number) => track('Order Refunded', { order_id: 'o1', revenue });
    const state = applyAll([
      { call: refund(10), at: AT_1 },
      { call: refund(10), at: AT_1 },
      { call: refund(5), at: AT_2 },
    ]);

    expect(state.commerce.refundedRevenue).toBe(15);
  });

  it('leaves other calls alone', () => {
    expect(applyCommerce(START, track('Product Viewed', { revenue: 9 }), AT_1)).toBe(START);
  });

  it('sums thousands of cents without floating-point drift', () => {
    const calls = Array.from({ length: 1000 }, () => ({
      call: track('Order Completed', { revenue: 0.1 }),
      at: AT_1,
    }));
    expect(applyAll(calls).commerce.lifetimeRevenue).toBe(100);
  });

  it(`remembers the newest ${COUNTED_ORDER_KEYS_LIMIT} order keys`, () => {
    const calls = Array.from({ length: COUNTED_ORDER_KEYS_LIMIT + 1 }, (_, index) => ({
      call: track('Order Completed', { order_id: `o${index}`, revenue: 1 }),
      at: AT_1,
    }));
    const state = applyAll(calls);

    expect(state.countedOrderKeys).toHaveLength(COUNTED_ORDER_KEYS_LIMIT);
    expect(state.countedOrderKeys[0]).toBe(`order|o${COUNTED_ORDER_KEYS_LIMIT}`);
    expect(state.countedOrderKeys).not.toContain('order|o0');
  });
});

describe('combineCommerce', () => {
  it('adds sums and counts, recomputes the net and keeps the later last order', () => {
    const a = {
      ...NO_COMMERCE,
      lifetimeRevenue: 0.1,
      orderCount: 1,
      lastOrder: { orderId: 'a', revenue: 0.1, at: AT_1 },
    };
    const b = {
      ...NO_COMMERCE,
      lifetimeRevenue: 0.2,
      refundedRevenue: 0.05,
      orderCount: 2,
      currency: 'EUR',
      lastOrder: { orderId: 'b', revenue: 0.2, at: AT_2 },
    };

    expect(combineCommerce(a, b)).toEqual({
      lifetimeRevenue: 0.3,
      refundedRevenue: 0.05,
      netRevenue: 0.25,
      orderCount: 3,
      currency: 'EUR',
      lastOrder: { orderId: 'b', revenue: 0.2, at: AT_2 },
    });
  });
});

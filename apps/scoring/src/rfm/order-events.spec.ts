import { EventsResolvedV1 } from '@meridian/contracts';
import { readOrderEvent } from './order-events';
import { trackEvent } from './test-support/rfm-events';

const buyer = { workspaceId: 'ws', profileId: 'p-1', partition: 0 };
const AT = '2011-12-09T12:50:00.000Z';
const order = (event: string, properties: Record<string, unknown>) =>
  readOrderEvent(trackEvent(buyer, { id: 'e-1', at: AT, event, properties }));

describe('readOrderEvent', () => {
  it('reads the orderId, revenue and event time of an Order Completed', () => {
    expect(order('Order Completed', { orderId: '581587', revenue: 249.3 })).toEqual({
      kind: 'completed',
      order: { orderId: '581587', revenue: 249.3, at: Date.parse(AT) },
    });
  });

  it("reads Segment's order_id, numeric ids and revenues given as text", () => {
    expect(order('Order Completed', { order_id: 'A-1', revenue: '12.50' })).toMatchObject({
      order: { orderId: 'A-1', revenue: 12.5 },
    });
    expect(order('Order Completed', { orderId: 42 })).toMatchObject({
      order: { orderId: '42', revenue: 0 },
    });
  });

  it('gives back the amount of a refund booked as a negative revenue', () => {
    expect(order('Order Refunded', { orderId: 'C1', revenue: -20 })).toMatchObject({
      kind: 'refunded',
      order: { revenue: 20 },
    });
  });

  it('names what is missing from an order it cannot count', () => {
    expect(order('Order Completed', { revenue: 5 })).toEqual({
      kind: 'invalid',
      reason: 'Order Completed without properties.orderId',
    });
    expect(order('Order Refunded', { orderId: 'o', revenue: 'lots' })).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('properties.revenue is not a number: "lots"'),
    });
  });

  it('leaves any other event alone', () => {
    expect(order('Product Viewed', { orderId: 'o', revenue: 1 })).toEqual({
      kind: 'not-an-order',
    });
    const identify = EventsResolvedV1.parse({
      ...trackEvent(buyer, { id: 'e-2', at: AT }),
      payload: {
        ...trackEvent(buyer, { id: 'e-2', at: AT }).payload,
        call: { type: 'identify', messageId: 'm', userId: 'p-1', timestamp: AT, receivedAt: AT },
      },
    });
    expect(readOrderEvent(identify)).toEqual({ kind: 'not-an-order' });
  });
});

import {
  applyOrderCompleted,
  applyOrderRefunded,
  emptyCustomerFacts,
  type CustomerFacts,
} from './customer-facts';
import { rfmValuesOf } from './rfm-values';
import { ms } from './spec-helpers';

function orders(...events: [orderId: string, revenue: number, iso: string][]): CustomerFacts {
  return events.reduce(
    (facts, [orderId, revenue, iso]) =>
      applyOrderCompleted(facts, { orderId, revenue, at: ms(iso) }),
    emptyCustomerFacts(),
  );
}

describe('rfmValuesOf', () => {
  it('counts recency in whole days from the last completed order, flooring', () => {
    const facts = orders(['a', 10, '2011-01-18T10:01:00Z'], ['b', 20, '2011-12-07T15:52:00Z']);
    expect(rfmValuesOf(facts, ms('2011-12-10T00:00:00Z'))).toEqual({
      lastOrderAt: ms('2011-12-07T15:52:00Z'),
      recencyDays: 2,
      frequency: 2,
      monetary: 30,
    });
    expect(rfmValuesOf(facts, ms('2011-12-10T15:51:59.999Z')).recencyDays).toBe(2);
    expect(rfmValuesOf(facts, ms('2011-12-10T15:52:00Z')).recencyDays).toBe(3);
  });

  it('gives 325 days and 0.00 net for an order refunded in full (customer 12346)', () => {
    const ordered = orders(['541431', 77183.6, '2011-01-18T10:01:00Z']);
    const refunded = applyOrderRefunded(ordered, {
      orderId: 'C541433',
      revenue: 77183.6,
      at: ms('2011-01-18T10:17:00Z'),
    });
    expect(rfmValuesOf(refunded, new Date('2011-12-10T00:00:00Z'))).toEqual({
      lastOrderAt: ms('2011-01-18T10:01:00Z'),
      recencyDays: 325,
      frequency: 1,
      monetary: 0,
    });
  });

  it('has no recency, no frequency and a negative monetary for refunds without orders', () => {
    const facts = applyOrderRefunded(emptyCustomerFacts(), {
      orderId: 'C1',
      revenue: 12.34,
      at: ms('2011-02-01T00:00:00Z'),
    });
    expect(rfmValuesOf(facts, ms('2011-12-10T00:00:00Z'))).toEqual({
      lastOrderAt: null,
      recencyDays: null,
      frequency: 0,
      monetary: -12.34,
    });
  });

  it('counts an order after asOf (clock skew) as 0 days ago', () => {
    const facts = orders(['a', 1, '2011-12-10T00:00:01Z']);
    expect(rfmValuesOf(facts, ms('2011-12-10T00:00:00Z')).recencyDays).toBe(0);
  });

  it('rejects an asOf that is no instant', () => {
    expect(() => rfmValuesOf(emptyCustomerFacts(), Number.NaN)).toThrow(/asOf/);
  });
});

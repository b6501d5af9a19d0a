import {
  applyEngagement,
  applyOrderCompleted,
  applyOrderRefunded,
  centsOf,
  CustomerFacts,
  emptyCustomerFacts,
  type EngagementEvent,
  type OrderEvent,
} from './customer-facts';
import { WEEK_MS } from './instant';
import { RfmSettings } from './rfm-settings';
import { monetaryOf } from './rfm-values';
import { mongoSafetyProblems, ms, SeededRandom } from './spec-helpers';

type FactEvent =
  | ({ type: 'completed' } & OrderEvent)
  | ({ type: 'refunded' } & OrderEvent)
  | ({ type: 'engagement' } & EngagementEvent);

function apply(facts: CustomerFacts, event: FactEvent): CustomerFacts {
  switch (event.type) {
    case 'completed':
      return applyOrderCompleted(facts, event);
    case 'refunded':
      return applyOrderRefunded(facts, event);
    case 'engagement':
      return applyEngagement(facts, event);
  }
}

const factsOf = (events: readonly FactEvent[]) => events.reduce(apply, emptyCustomerFacts());

const HISTORY: FactEvent[] = [
  { type: 'completed', orderId: 'o-1', revenue: 19.99, at: ms('2024-01-03T10:00:00Z') },
  { type: 'completed', orderId: 'o-2', revenue: 5.01, at: ms('2024-03-15T09:30:00Z') },
  { type: 'refunded', orderId: 'o-1', revenue: 4.5, at: ms('2024-03-20T08:00:00Z') },
  { type: 'completed', orderId: 'o-3', revenue: 100, at: new Date('2024-06-01T18:00:00Z') },
  { type: 'engagement', channel: 'email', kind: 'received', at: ms('2024-05-01T07:00:00Z') },
  { type: 'engagement', channel: 'email', kind: 'opened', at: ms('2024-05-01T08:00:00Z') },
  { type: 'engagement', channel: 'email', kind: 'clicked', at: ms('2024-05-01T08:01:00Z') },
  { type: 'engagement', channel: 'push', kind: 'received', at: ms('2024-05-20T07:00:00Z') },
  { type: 'engagement', channel: 'email', kind: 'received', at: ms('2024-06-05T07:00:00Z') },
];

describe('CustomerFacts', () => {
  it('counts distinct completed orders, their revenue net of refunds, first and last order', () => {
    const facts = factsOf(HISTORY);
    expect(facts.orderIds).toEqual(['o-1', 'o-2', 'o-3']);
    expect(facts.completedCents).toBe(1999 + 501 + 10000);
    expect(facts.refundedCents).toBe(450);
    expect(facts.refunds).toBe(1);
    expect(monetaryOf(facts)).toBe(120.5);
    expect(facts.firstOrderAt).toBe(ms('2024-01-03T10:00:00Z'));
    expect(facts.lastOrderAt).toBe(ms('2024-06-01T18:00:00Z'));
  });

  it('ignores a completion whose orderId is already counted, returning the same facts', () => {
    const facts = factsOf(HISTORY);
    const again = applyOrderCompleted(facts, {
      orderId: 'o-2',
      revenue: 999,
      at: ms('2024-06-10T00:00:00Z'),
    });
    expect(again).toBe(facts);
  });

  it('subtracts two refunds of the same order when they are two events', () => {
    const once = factsOf([
      ...HISTORY,
      { type: 'refunded', orderId: 'o-3', revenue: 10, at: ms('2024-06-02T00:00:00Z') },
    ]);
    const twice = apply(once, {
      type: 'refunded',
      orderId: 'o-3',
      revenue: 10,
      at: ms('2024-06-02T00:00:00Z'),
    });
    expect(monetaryOf(once)).toBe(110.5);
    expect(monetaryOf(twice)).toBe(100.5);
    expect(twice.refunds).toBe(3);
    expect(twice.orderIds).toHaveLength(3);
  });

  it('sums money in cents without floating-point drift', () => {
    const events: FactEvent[] = Array.from({ length: 10 }, (_, i) => ({
      type: 'completed',
      orderId: `dime-${i}`,
      revenue: 0.1,
      at: ms('2024-01-01T00:00:00Z') + i,
    }));
    expect(monetaryOf(factsOf(events))).toBe(1);
    expect(centsOf(0.1 + 0.2)).toBe(30);
    expect(centsOf(-0.005)).toBe(-1);
  });

  it('builds the same facts whatever the arrival order of the events', () => {
    const random = new SeededRandom(7);
    const expected = factsOf(HISTORY);
    for (let trial = 0; trial < 20; trial++) {
      expect(factsOf(random.shuffled(HISTORY))).toEqual(expected);
    }
  });

  it('books orders, net revenue and messages in UTC weeks starting on Monday', () => {
    const facts = factsOf(HISTORY);
    expect(facts.orderWeeks).toEqual([
      { weekStart: ms('2024-01-01T00:00:00Z'), orders: 1, netCents: 1999 },
      { weekStart: ms('2024-03-11T00:00:00Z'), orders: 1, netCents: 501 },
      { weekStart: ms('2024-03-18T00:00:00Z'), orders: 0, netCents: -450 },
      { weekStart: ms('2024-05-27T00:00:00Z'), orders: 1, netCents: 10000 },
    ]);
    expect(facts.engagementWeeks).toEqual([
      {
        weekStart: ms('2024-04-29T00:00:00Z'),
        channel: 'email',
        received: 1,
        opened: 1,
        clicked: 1,
      },
      {
        weekStart: ms('2024-05-20T00:00:00Z'),
        channel: 'push',
        received: 1,
        opened: 0,
        clicked: 0,
      },
      {
        weekStart: ms('2024-06-03T00:00:00Z'),
        channel: 'email',
        received: 1,
        opened: 0,
        clicked: 0,
      },
    ]);
  });

  it('keeps lifetime engagement per channel, sorted by channel', () => {
    expect(factsOf(HISTORY).channels).toEqual([
      {
        channel: 'email',
        received: 2,
        opened: 1,
        clicked: 1,
        lastReceivedAt: ms('2024-06-05T07:00:00Z'),
        lastOpenedAt: ms('2024-05-01T08:00:00Z'),
        lastClickedAt: ms('2024-05-01T08:01:00Z'),
      },
      {
        channel: 'push',
        received: 1,
        opened: 0,
        clicked: 0,
        lastReceivedAt: ms('2024-05-20T07:00:00Z'),
        lastOpenedAt: null,
        lastClickedAt: null,
      },
    ]);
  });

  it('prunes the weeks more than two trend windows before the latest event', () => {
    const settings = RfmSettings.parse({ trendWindowDays: 14 });
    const monday = ms('2024-06-03T00:00:00Z');
    let facts = emptyCustomerFacts();
    for (let week = 0; week < 6; week++) {
      facts = applyOrderCompleted(
        facts,
        { orderId: `w${week}`, revenue: 1, at: monday + week * WEEK_MS },
        settings,
      );
    }
    // Two windows of 2 weeks: the latest week and the three before it.
    expect(facts.orderWeeks.map((week) => week.weekStart)).toEqual(
      [2, 3, 4, 5].map((week) => monday + week * WEEK_MS),
    );
    const late = applyOrderCompleted(facts, { orderId: 'late', revenue: 7, at: monday }, settings);
    expect(late.orderWeeks).toEqual(facts.orderWeeks);
    expect(late.orderIds).toContain('late');
    expect(late.completedCents).toBe(facts.completedCents + 700);
  });

  it('is plain JSON for MongoDB: no nested arrays, no dotted or $ keys, and parses back', () => {
    const facts = factsOf(HISTORY);
    expect(mongoSafetyProblems(facts)).toEqual([]);
    expect(CustomerFacts.parse(JSON.parse(JSON.stringify(facts)))).toEqual(facts);
  });

  it('rejects stored facts whose orderIds are not sorted', () => {
    const facts = { ...factsOf(HISTORY), orderIds: ['o-2', 'o-1'] };
    expect(() => CustomerFacts.parse(facts)).toThrow(/orderIds/);
  });

  it('rejects bad input with an error naming the field', () => {
    const facts = emptyCustomerFacts();
    const at = ms('2024-01-01T00:00:00Z');
    expect(() => applyOrderCompleted(facts, { orderId: '', revenue: 1, at })).toThrow(/orderId/);
    expect(() => applyOrderCompleted(facts, { orderId: 'o', revenue: NaN, at })).toThrow(/revenue/);
    expect(() => applyOrderCompleted(facts, { orderId: 'o', revenue: 1, at: 1.5 })).toThrow(/at/);
    expect(() =>
      applyOrderCompleted(facts, { orderId: 'o', revenue: 1, at: new Date('nope') }),
    ).toThrow(/at/);
    expect(() => applyOrderRefunded(facts, { orderId: 'o', revenue: -1, at })).toThrow(/revenue/);
    expect(() => applyEngagement(facts, { channel: ' ', kind: 'opened', at })).toThrow(/channel/);
    const kind = 'bounced' as unknown as 'opened';
    expect(() => applyEngagement(facts, { channel: 'email', kind, at })).toThrow(/kind/);
  });
});

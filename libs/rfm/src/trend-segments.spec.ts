import { activityWindowsOf } from './activity-windows';
import {
  applyEngagement,
  applyOrderCompleted,
  applyOrderRefunded,
  emptyCustomerFacts,
  type CustomerFacts,
  type EngagementKind,
} from './customer-facts';
import { DAY_MS, WEEK_MS } from './instant';
import { DEFAULT_RFM_SETTINGS, RfmSettings } from './rfm-settings';
import { ms } from './spec-helpers';
import {
  isFadingStar,
  isHyperactive,
  isZombie,
  trendIndexOf,
  trendOf,
  trendSegmentsOf,
} from './trend-segments';

/** A Wednesday noon; its week starts on Monday 2024-06-10, the last of the current window. */
const AS_OF = ms('2024-06-12T12:00:00Z');
const AS_OF_WEEK = ms('2024-06-10T00:00:00Z');
/** Default windows (13 weeks): current 2024-03-18 .. 2024-06-16, previous 2023-12-18 .. 2024-03-17. */
const CURRENT = (daysAgo: number) => AS_OF - daysAgo * DAY_MS;
const PREVIOUS = (daysAgo: number) => AS_OF - (90 + daysAgo) * DAY_MS;
const HIGH = { r: 3, f: 4, m: 4 };

type Step = (facts: CustomerFacts) => CustomerFacts;
let ids = 0;
const order =
  (at: number, revenue = 0): Step =>
  (facts) =>
    applyOrderCompleted(facts, { orderId: `o-${++ids}`, revenue, at });
const orders = (count: number, at: (i: number) => number, revenue = 0): Step[] =>
  Array.from({ length: count }, (_, i) => order(at(i), revenue));
const refund =
  (at: number, revenue: number): Step =>
  (facts) =>
    applyOrderRefunded(facts, { orderId: 'r', revenue, at });
const messages = (kind: EngagementKind, count: number, at: number, channel = 'email'): Step[] =>
  Array.from(
    { length: count },
    (_, i) => (facts: CustomerFacts) => applyEngagement(facts, { channel, kind, at: at + i }),
  );
const factsOf = (...steps: (Step | Step[])[]) =>
  steps.flat().reduce((facts, step) => step(facts), emptyCustomerFacts());
const windowsOf = (facts: CustomerFacts, settings = DEFAULT_RFM_SETTINGS) =>
  activityWindowsOf(facts, AS_OF, settings);

describe('trend', () => {
  it('has no trend below two orders, opens and clicks in the two windows', () => {
    expect(trendOf(windowsOf(factsOf(order(PREVIOUS(10), 50))), DEFAULT_RFM_SETTINGS)).toBeNull();
    expect(trendOf(windowsOf(factsOf()), DEFAULT_RFM_SETTINGS)).toBeNull();
  });

  it('accelerates at a trend index of exactly +0.25, decelerates at exactly −0.25', () => {
    const up = factsOf(
      orders(4, (i) => CURRENT(i)),
      orders(3, (i) => PREVIOUS(i)),
    );
    const down = factsOf(
      orders(3, (i) => CURRENT(i)),
      orders(4, (i) => PREVIOUS(i)),
    );
    expect(trendIndexOf(windowsOf(up), DEFAULT_RFM_SETTINGS)).toBe(0.25);
    expect(trendOf(windowsOf(up), DEFAULT_RFM_SETTINGS)).toBe('accelerating');
    expect(trendOf(windowsOf(down), DEFAULT_RFM_SETTINGS)).toBe('decelerating');
  });

  it('is steady just inside the threshold (+0.2)', () => {
    const facts = factsOf(
      orders(5, (i) => CURRENT(i)),
      orders(4, (i) => PREVIOUS(i)),
    );
    expect(trendIndexOf(windowsOf(facts), DEFAULT_RFM_SETTINGS)).toBe(0.2);
    expect(trendOf(windowsOf(facts), DEFAULT_RFM_SETTINGS)).toBe('steady');
  });

  it('averages orders, net revenue and engagement, each change clamped to [−1, 1]', () => {
    const facts = factsOf(
      orders(2, (i) => CURRENT(i), 100), // orders 2 vs 2: 0
      orders(2, (i) => PREVIOUS(i), 10),
      refund(PREVIOUS(3), 120), // net 200 vs −100: +3 clamped to +1
      messages('opened', 1, CURRENT(5)), // engagement 1 vs 4: −0.75
      messages('opened', 4, PREVIOUS(5)),
    );
    expect(trendIndexOf(windowsOf(facts), DEFAULT_RFM_SETTINGS)).toBeCloseTo(
      (0 + 1 - 0.75) / 3,
      12,
    );
  });

  it('counts engagement alone: opens and clicks picking up accelerate', () => {
    const facts = factsOf(messages('opened', 2, CURRENT(3)), messages('clicked', 1, CURRENT(3)));
    expect(trendOf(windowsOf(facts), DEFAULT_RFM_SETTINGS)).toBe('accelerating');
  });

  it('ignores activity after asOf', () => {
    const facts = factsOf(
      orders(2, (i) => PREVIOUS(i)),
      orders(5, (i) => AS_OF + WEEK_MS + i),
    );
    expect(trendOf(windowsOf(facts), DEFAULT_RFM_SETTINGS)).toBe('decelerating');
  });
});

describe('Hyperactives', () => {
  const buyer = orders(2, (i) => CURRENT(i + 1));

  it('opens and clicks every one of at least 3 messages and orders twice', () => {
    const facts = factsOf(
      buyer,
      messages('received', 3, CURRENT(9)),
      messages('clicked', 3, CURRENT(8)),
    );
    // No open recorded (pixel blocked): each click proves an open.
    expect(isHyperactive(windowsOf(facts), DEFAULT_RFM_SETTINGS)).toBe(true);
  });

  it('needs 3 messages, 2 orders, and 90 % opened and clicked', () => {
    const two = factsOf(
      buyer,
      messages('received', 2, CURRENT(9)),
      messages('clicked', 2, CURRENT(8)),
    );
    const oneOrder = factsOf(
      order(CURRENT(1)),
      messages('received', 3, CURRENT(9)),
      messages('clicked', 3, CURRENT(8)),
    );
    const ninety = factsOf(
      buyer,
      messages('received', 10, CURRENT(9)),
      messages('clicked', 9, CURRENT(8)),
    );
    const eighty = factsOf(
      buyer,
      messages('received', 10, CURRENT(9)),
      messages('clicked', 8, CURRENT(8)),
    );
    const opensOnly = factsOf(
      buyer,
      messages('received', 3, CURRENT(9)),
      messages('opened', 3, CURRENT(8)),
    );
    expect(isHyperactive(windowsOf(two), DEFAULT_RFM_SETTINGS)).toBe(false);
    expect(isHyperactive(windowsOf(oneOrder), DEFAULT_RFM_SETTINGS)).toBe(false);
    expect(isHyperactive(windowsOf(ninety), DEFAULT_RFM_SETTINGS)).toBe(true);
    expect(isHyperactive(windowsOf(eighty), DEFAULT_RFM_SETTINGS)).toBe(false);
    expect(isHyperactive(windowsOf(opensOnly), DEFAULT_RFM_SETTINGS)).toBe(false);
  });

  it('reads the thresholds from the workspace settings', () => {
    const facts = factsOf(
      buyer,
      messages('received', 10, CURRENT(9)),
      messages('clicked', 8, CURRENT(8)),
    );
    const lenient = RfmSettings.parse({ hyperactives: { minClickRate: 0.8, minOpenRate: 0.8 } });
    expect(isHyperactive(windowsOf(facts, lenient), lenient)).toBe(true);
  });
});

describe('Zombies', () => {
  const engaged = (lastAt: number) => [
    ...messages('opened', 2, lastAt - 30 * DAY_MS),
    ...messages('clicked', 1, lastAt),
  ];

  it('used to engage 3 times and dormant for exactly 182 days', () => {
    const facts = factsOf(engaged(AS_OF - 182 * DAY_MS));
    expect(isZombie(facts, AS_OF, DEFAULT_RFM_SETTINGS)).toBe(true);
  });

  it('is not one a millisecond before 182 days', () => {
    const facts = factsOf(engaged(AS_OF - 182 * DAY_MS + 1));
    expect(isZombie(facts, AS_OF, DEFAULT_RFM_SETTINGS)).toBe(false);
  });

  it('is not one with only 2 past opens and clicks, or with a recent order', () => {
    const twice = factsOf(messages('opened', 2, AS_OF - 400 * DAY_MS));
    const buyer = factsOf(engaged(AS_OF - 300 * DAY_MS), order(AS_OF - 100 * DAY_MS));
    expect(isZombie(twice, AS_OF, DEFAULT_RFM_SETTINGS)).toBe(false);
    expect(isZombie(buyer, AS_OF, DEFAULT_RFM_SETTINGS)).toBe(false);
  });
});

describe('Fading Stars', () => {
  const lastPreviousWeek = AS_OF_WEEK - 13 * WEEK_MS + DAY_MS;
  const wasValuable = [order(PREVIOUS(40), 80), order(lastPreviousWeek, 80)];

  it('were valuable and decline on frequency, monetary and recency', () => {
    const facts = factsOf(wasValuable, order(AS_OF_WEEK - WEEK_MS, 20));
    expect(isFadingStar(windowsOf(facts), HIGH, DEFAULT_RFM_SETTINGS)).toBe(true);
  });

  it('keep their recency when the last order is a whole window after the previous one', () => {
    const facts = factsOf(wasValuable, order(AS_OF_WEEK, 20));
    expect(isFadingStar(windowsOf(facts), HIGH, DEFAULT_RFM_SETTINGS)).toBe(false);
  });

  it('need m ≥ 4, 2 orders in the previous window, fewer orders and less revenue now', () => {
    const fading = factsOf(wasValuable);
    expect(isFadingStar(windowsOf(fading), HIGH, DEFAULT_RFM_SETTINGS)).toBe(true);
    expect(isFadingStar(windowsOf(fading), { ...HIGH, m: 3 }, DEFAULT_RFM_SETTINGS)).toBe(false);
    expect(isFadingStar(windowsOf(fading), null, DEFAULT_RFM_SETTINGS)).toBe(false);
    const once = factsOf(order(PREVIOUS(40), 160));
    expect(isFadingStar(windowsOf(once), HIGH, DEFAULT_RFM_SETTINGS)).toBe(false);
    const asMany = factsOf(
      wasValuable,
      orders(2, (i) => CURRENT(60 + i), 1),
    );
    expect(isFadingStar(windowsOf(asMany), HIGH, DEFAULT_RFM_SETTINGS)).toBe(false);
    const asRich = factsOf(wasValuable, order(CURRENT(60), 160));
    expect(isFadingStar(windowsOf(asRich), HIGH, DEFAULT_RFM_SETTINGS)).toBe(false);
  });
});

describe('trendSegmentsOf', () => {
  it('puts a profile in every trend segment it qualifies for', () => {
    const facts = factsOf(
      order(PREVIOUS(40), 80),
      order(PREVIOUS(10), 80),
      messages('opened', 3, PREVIOUS(12)),
    );
    // Previous window only: decelerating, fading, and not dormant long enough for a Zombie.
    expect(trendSegmentsOf(facts, AS_OF, HIGH, DEFAULT_RFM_SETTINGS)).toEqual([
      'Fading Stars',
      'Decelerating',
    ]);
    const later = AS_OF + 120 * DAY_MS;
    expect(trendSegmentsOf(facts, later, HIGH, DEFAULT_RFM_SETTINGS)).toEqual(['Zombies']);
  });
});

import { SeededRandom } from '@meridian/random';
import {
  createPopulation,
  type Customer,
  dailyOrderProbability,
  liveDay,
  summarise,
  TRAILING_DAYS,
  trueWindowProbability,
} from './world';

function customer(overrides: Partial<Customer> = {}): Customer {
  const [base] = createPopulation(new SeededRandom(1), 1, 0, 0);
  if (base === undefined) throw new Error('no customer');
  return Object.assign(
    base,
    { affinity: 0, engagement: 0, country: 'UK', firstSeenDay: -100 },
    overrides,
  );
}

describe('simulated world', () => {
  it('peaks the order probability around 28 days after an order', () => {
    const buyer = customer({ lastOrderDay: 0, orders: 1 });
    const at = (recency: number) => dailyOrderProbability(buyer, recency);
    expect(at(28)).toBeGreaterThan(at(14));
    expect(at(28)).toBeGreaterThan(at(60));
    expect(at(1)).toBeLessThan(at(10)); // just bought
  });

  it('gives the oracle the probability of an order in the next seven days', () => {
    const buyer = customer({ lastOrderDay: 0, orders: 2 });
    let none = 1;
    for (let day = 20; day < 27; day++) none *= 1 - dailyOrderProbability(buyer, day);
    expect(trueWindowProbability(buyer, 20)).toBeCloseTo(1 - none, 12);
  });

  it('matches the oracle with the frequency of simulated orders', () => {
    const random = new SeededRandom(3);
    const template = customer({ affinity: 0.5, lastOrderDay: 0, orders: 1 });
    const oracle = trueWindowProbability(template, 20);
    let ordered = 0;
    const trials = 20_000;
    for (let trial = 0; trial < trials; trial++) {
      const copy = { ...template, lastOrderDay: 0, orders: 1, spent: 0 };
      let bought = false;
      for (let day = 20; day < 27 && !bought; day++) bought = liveDay(random, copy, day) !== null;
      if (bought) ordered++;
    }
    // Binomial standard error at 20,000 trials is about 0.003.
    expect(Math.abs(ordered / trials - oracle)).toBeLessThan(0.012);
  });

  it('summarises only the trailing 30 days of behaviour, up to yesterday', () => {
    const random = new SeededRandom(4);
    const active = customer({ affinity: 2, engagement: 2 });
    for (let day = 0; day < 90; day++) liveDay(random, active, day);
    const summary = summarise(active, 90);
    const views = active.views.reduce((sum, value) => sum + value, 0);
    expect(summary.eventCounts).toEqual({
      'Product Viewed': views,
      'Product Added': active.adds.reduce((sum, value) => sum + value, 0),
    });
    expect(active.views).toHaveLength(TRAILING_DAYS);
    expect(summary.daysSinceFirstSeen).toBe(190);
    expect(summary.frequency).toBe(active.orders);
    expect(summary.recencyDays).toBe(
      active.lastOrderDay === null ? null : 90 - active.lastOrderDay,
    );
  });
});

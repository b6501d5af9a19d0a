import { createWorld } from './world';

describe('createWorld', () => {
  const world = createWorld({ seed: 4, customers: 1000, newCustomerShare: 0.2 });
  const k = world.actionIds.length;

  it('creates the same customers and rates from the same seed', () => {
    const again = createWorld({ seed: 4, customers: 1000, newCustomerShare: 0.2 });
    expect(Array.from(again.clickRates)).toEqual(Array.from(world.clickRates));
    expect(again.customers[17]?.features).toEqual(world.customers[17]?.features);
  });

  it('gives click probabilities strictly between 0 and 1 for every customer and action', () => {
    expect(world.clickRates).toHaveLength(1000 * k);
    expect(world.clickRates.every((rate) => rate > 0 && rate < 1)).toBe(true);
  });

  it('makes the best action depend on the customer, so context pays', () => {
    const bestActions = new Set(
      world.customers.map((_, c) => {
        const rates = Array.from(world.clickRates.subarray(c * k, (c + 1) * k));
        return rates.indexOf(Math.max(...rates));
      }),
    );
    expect(bestActions.size).toBeGreaterThanOrEqual(4);
  });

  it('encodes every customer context with the intercept first', () => {
    for (const customer of world.customers.slice(0, 50)) {
      expect(customer.context).toHaveLength(world.dimension);
      expect(customer.context[0]).toBe(1);
    }
  });

  it('gives about the requested share of customers no history', () => {
    const newShare = world.customers.filter((c) => c.eventsPerWeek === 0).length / 1000;
    expect(newShare).toBeGreaterThan(0.15);
    expect(newShare).toBeLessThan(0.25);
  });

  it('rejects a world without customers', () => {
    expect(() => createWorld({ seed: 1, customers: 0, newCustomerShare: 0 })).toThrow(/customers/);
  });
});

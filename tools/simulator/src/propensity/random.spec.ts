import { SeededRandom } from '@meridian/random';
import { sigmoid, weightedItem } from './random';

describe('the propensity world randomness', () => {
  it('picks items in proportion to their weights', () => {
    const random = new SeededRandom(2);
    const picks = Array.from({ length: 10_000 }, () =>
      weightedItem(random, [
        ['a', 3],
        ['b', 1],
      ]),
    );
    expect(picks.filter((pick) => pick === 'a').length / picks.length).toBeCloseTo(0.75, 1);
  });

  it('refuses to pick from no items', () => {
    expect(() => weightedItem(new SeededRandom(1), [])).toThrow('empty list');
  });

  it('maps logits to probabilities', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(10)).toBeGreaterThan(0.9999);
  });
});

import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('gives the same draws for the same seed, and other draws for another seed', () => {
    const draws = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const sequenceA = Array.from({ length: 5 }, () => a.next());

    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sequenceA);
    expect(draws(43)).not.toEqual(sequenceA);
  });

  it('keeps mulberry32 exactly: the first draws of seed 1', () => {
    const random = new SeededRandom(1);

    expect([random.next(), random.next()].map((value) => value.toFixed(10))).toEqual([
      '0.6270739406',
      '0.0027357212',
    ]);
  });

  it('draws integers within their bounds and refuses an empty range', () => {
    const random = new SeededRandom(7);
    const ints = Array.from({ length: 1_000 }, () => random.int(3, 5));
    const below = Array.from({ length: 1_000 }, () => random.below(4));

    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(new Set(below)).toEqual(new Set([0, 1, 2, 3]));
    expect(() => random.below(0)).toThrow(RangeError);
    expect(() => random.pick([])).toThrow('pick from an empty list');
  });

  it('draws an index in proportion to its weight, never one of weight 0', () => {
    const random = new SeededRandom(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 10_000; i++) {
      const index = random.weightedIndex([1, 0, 3]);
      counts[index] = (counts[index] ?? 0) + 1;
    }

    expect(counts[1]).toBe(0);
    expect((counts[2] ?? 0) / 10_000).toBeCloseTo(0.75, 1);
  });

  it('forks generators that do not depend on how much the parent drew afterwards', () => {
    const parent = new SeededRandom(9);
    const fork = parent.fork(1);
    const first = fork.next();
    parent.next();

    expect(new SeededRandom(9).fork(1).next()).toBe(first);
    expect(new SeededRandom(9).fork(2).next()).not.toBe(first);
  });

  it('shuffles into a permutation of the items', () => {
    expect(new SeededRandom(5).shuffled([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

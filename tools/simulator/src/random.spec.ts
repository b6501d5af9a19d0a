import { WorldRandom } from './random';

describe('WorldRandom', () => {
  it('repeats its draws for a seed and forks independent streams', () => {
    const draws = (random: WorldRandom) => Array.from({ length: 4 }, () => random.next());
    expect(draws(new WorldRandom(3))).toEqual(draws(new WorldRandom(3)));
    const root = new WorldRandom(3);
    expect(draws(root.fork(1))).toEqual(draws(new WorldRandom(3).fork(1)));
    expect(draws(root.fork(1))).not.toEqual(draws(root.fork(2)));
  });

  it('draws Poisson counts and exponential delays with the requested means', () => {
    const random = new WorldRandom(5);
    const n = 20_000;
    let counts = 0;
    let delays = 0;
    for (let i = 0; i < n; i++) {
      counts += random.poisson(3);
      delays += random.exponential(2);
    }
    expect(counts / n).toBeCloseTo(3, 1);
    expect(delays / n).toBeCloseTo(2, 1);
  });

  it('draws indices in proportion to their weights', () => {
    const random = new WorldRandom(6);
    const hits = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) {
      const index = random.weighted([1, 0, 3]);
      hits[index] = (hits[index] ?? 0) + 1;
    }
    expect(hits[1]).toBe(0);
    expect((hits[2] ?? 0) / 30_000).toBeCloseTo(0.75, 1);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => new WorldRandom(0.5)).toThrow(/seed/);
  });
});

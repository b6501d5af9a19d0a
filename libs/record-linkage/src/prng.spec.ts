import { Prng } from './prng';

describe('Prng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(new Prng(43).next()).not.toBe(first[0]);
  });

  it('draws integers within the inclusive bounds', () => {
    const prng = new Prng(1);
    const draws = Array.from({ length: 1000 }, () => prng.int(3, 5));
    expect(new Set(draws)).toEqual(new Set([3, 4, 5]));
  });
});

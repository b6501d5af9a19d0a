import { SeededRandom, standardNormal } from './seeded-random';

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws uniforms in [0, 1) and integers below the bound', () => {
    const random = new SeededRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const u = random.next();
      expect(u >= 0 && u < 1).toBe(true);
      const k = random.below(3);
      expect([0, 1, 2]).toContain(k);
    }
  });

  it('draws standard normals with mean 0 and variance 1', () => {
    const random = new SeededRandom(3);
    const n = 50_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const z = standardNormal(random);
      sum += z;
      squares += z * z;
    }
    expect(sum / n).toBeCloseTo(0, 1);
    expect(squares / n).toBeCloseTo(1, 1);
  });

  it('rejects a bound that is not a positive integer', () => {
    expect(() => new SeededRandom(1).below(0)).toThrow(RangeError);
    expect(() => new SeededRandom(1).below(2.5)).toThrow(/positive integer/);
  });
});

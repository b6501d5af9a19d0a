import { SimulationRandom } from './random';

describe('SimulationRandom', () => {
  it('repeats the same draws for the same seed and differs for another', () => {
    const draws = (seed: number) => {
      const random = new SimulationRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(8)).not.toEqual(draws(7));
  });

  it('draws normals and Poisson counts with the right mean and spread', () => {
    const random = new SimulationRandom(1);
    const normals = Array.from({ length: 20_000 }, () => random.gaussian());
    const mean = normals.reduce((sum, value) => sum + value, 0) / normals.length;
    const variance = normals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    const counts = Array.from({ length: 20_000 }, () => random.poisson(2.5));
    expect(counts.reduce((sum, value) => sum + value, 0) / counts.length).toBeCloseTo(2.5, 1);
  });

  it('picks by weight', () => {
    const random = new SimulationRandom(2);
    const picks = Array.from({ length: 10_000 }, () =>
      random.weighted([
        ['a', 3],
        ['b', 1],
      ]),
    );
    expect(picks.filter((pick) => pick === 'a').length / picks.length).toBeCloseTo(0.75, 1);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => new SimulationRandom(1.5)).toThrow(RangeError);
  });
});

import { DAY_MS } from './instant';
import {
  bucketKeyOf,
  emptySketch,
  QuantileSketch,
  rankOfQuantile,
  sketchAdd,
  sketchAddAll,
  sketchMerge,
  sketchQuantile,
  sketchRemove,
  type SketchMapping,
} from './quantile-sketch';
import { mongoSafetyProblems, ms, SeededRandom } from './spec-helpers';

const ONE_PERCENT: SketchMapping = { kind: 'logarithmic', relativeAccuracy: 0.01 };
const BY_DAY: SketchMapping = { kind: 'linear', bucketWidth: DAY_MS };

const sketchOf = (values: readonly number[], mapping: SketchMapping = ONE_PERCENT) =>
  sketchAddAll(emptySketch(mapping), values);

/** Nearest-rank quantile of the values themselves. */
function exactQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[rankOfQuantile(q, sorted.length) - 1] ?? Number.NaN;
}

/** Money-like values: mostly positive over six orders of magnitude, some zero, some negative. */
function moneyLike(random: SeededRandom, n: number): number[] {
  return Array.from({ length: n }, () => {
    const kind = random.next();
    if (kind < 0.05) return 0;
    const magnitude = Math.round(10 ** (random.next() * 6)) / 100;
    return kind < 0.2 ? -magnitude : magnitude;
  });
}

describe('QuantileSketch', () => {
  it('answers quantiles within its relative accuracy, negative values and zero included', () => {
    const values = moneyLike(new SeededRandom(42), 20_000);
    const sketch = sketchOf(values);
    for (const q of [0, 0.01, 0.05, 0.1, 0.2, 0.4, 0.5, 0.6, 0.8, 0.95, 0.99, 1]) {
      const exact = exactQuantile(values, q);
      const estimate = sketchQuantile(sketch, q);
      expect(estimate).not.toBeNull();
      expect(Math.abs((estimate ?? Number.NaN) - exact)).toBeLessThanOrEqual(
        0.01 * Math.abs(exact) + 1e-12,
      );
    }
  });

  it('keeps zero in its own bucket between the negative and the positive values', () => {
    const sketch = sketchOf([-3, 0, 0, 0, 2]);
    expect(sketchQuantile(sketch, 0)).toBeCloseTo(-3, 1);
    expect(sketchQuantile(sketch, 0.5)).toBe(0);
    expect(sketchQuantile(sketch, 1)).toBeCloseTo(2, 1);
  });

  it('maps values to bucket keys that never decrease as the value grows', () => {
    const sorted = moneyLike(new SeededRandom(3), 5_000).sort((a, b) => a - b);
    const keys = sorted.map((value) => bucketKeyOf(ONE_PERCENT, value));
    keys.forEach((key, i) => expect(key).toBeGreaterThanOrEqual(keys[i - 1] ?? key));
  });

  it('is the sketch of the remaining values after values are removed', () => {
    const values = moneyLike(new SeededRandom(5), 2_000);
    const kept = values.slice(0, 1_200);
    const removed = values
      .slice(1_200)
      .reduce((sketch, value) => sketchRemove(sketch, value), sketchOf(values));
    expect(removed).toEqual(sketchOf(kept));
  });

  it('adds one value at a time to the same sketch as all at once', () => {
    const values = moneyLike(new SeededRandom(11), 500);
    const oneByOne = values.reduce(
      (sketch, value) => sketchAdd(sketch, value),
      emptySketch(ONE_PERCENT),
    );
    expect(oneByOne).toEqual(sketchOf(values));
    expect(sketchAdd(sketchOf([1]), 1, 3)).toEqual(sketchOf([1, 1, 1, 1]));
  });

  it('refuses to remove a value it does not hold', () => {
    const sketch = sketchOf([1, 2, 3]);
    expect(() => sketchRemove(sketch, 50)).toThrow(RangeError);
    expect(() => sketchRemove(sketch, 2, 2)).toThrow(/cannot remove/);
  });

  it('merges into the sketch of the union of the values', () => {
    const random = new SeededRandom(9);
    const a = moneyLike(random, 1_000);
    const b = moneyLike(random, 700);
    expect(sketchMerge(sketchOf(a), sketchOf(b))).toEqual(sketchOf([...a, ...b]));
    expect(sketchMerge(sketchOf(a), emptySketch(ONE_PERCENT))).toEqual(sketchOf(a));
  });

  it('refuses to merge sketches of different mappings', () => {
    const coarse: SketchMapping = { kind: 'logarithmic', relativeAccuracy: 0.05 };
    expect(() => sketchMerge(sketchOf([1]), sketchOf([1], coarse))).toThrow(/mapping/);
    expect(() => sketchMerge(sketchOf([1]), sketchOf([1], BY_DAY))).toThrow(/mapping/);
  });

  it('has no quantile when empty', () => {
    expect(sketchQuantile(emptySketch(ONE_PERCENT), 0.5)).toBeNull();
  });

  it('buckets instants by UTC day with a linear mapping, exact to the day', () => {
    const days = ['2011-12-09T12:50:00Z', '2011-12-09T00:00:00Z', '2010-12-01T08:26:00Z'];
    const sketch = sketchOf(days.map(ms), BY_DAY);
    expect(sketchQuantile(sketch, 1)).toBe(ms('2011-12-09T00:00:00Z'));
    expect(sketchQuantile(sketch, 0)).toBe(ms('2010-12-01T00:00:00Z'));
    expect(sketch.buckets).toEqual({
      [String(ms('2011-12-09T00:00:00Z') / DAY_MS)]: 2,
      '14944': 1,
    });
  });

  it('takes the nearest rank without the rounding error of q × n', () => {
    expect(rankOfQuantile(0.6, 5)).toBe(3);
    expect(rankOfQuantile(0.2, 5)).toBe(1);
    expect(rankOfQuantile(0.21, 5)).toBe(2);
    expect(rankOfQuantile(0, 5)).toBe(1);
    expect(rankOfQuantile(1, 5)).toBe(5);
    expect(() => rankOfQuantile(1.5, 5)).toThrow(/q/);
  });

  it('is plain JSON for MongoDB and parses back; a count that is not the sum is rejected', () => {
    const sketch = sketchOf([-2.5, 0, 1, 1, 400]);
    expect(mongoSafetyProblems(sketch)).toEqual([]);
    expect(QuantileSketch.parse(JSON.parse(JSON.stringify(sketch)))).toEqual(sketch);
    expect(() => QuantileSketch.parse({ ...sketch, count: 4 })).toThrow(/count/);
    expect(() => QuantileSketch.parse({ ...sketch, buckets: { '1.5': 1 } })).toThrow();
  });

  it('rejects a value that is not a finite number', () => {
    expect(() => sketchAdd(emptySketch(ONE_PERCENT), Number.POSITIVE_INFINITY)).toThrow(/value/);
  });
});

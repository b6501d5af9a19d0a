import { percentile, ratePerSecond, summariseLatencies } from './stats';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('picks the sample at rank ceil(p · n)', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 0.5)).toBe(1);
  });

  it('rounds the rank up, so a small sample reports its tail rather than hiding it', () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 99)).toBe(30);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });

  it('returns the only sample for every percentile of one', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });

  it('refuses no samples and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summariseLatencies', () => {
  it('sorts numerically, not as strings', () => {
    const summary = summariseLatencies([100, 9, 20, 3, 1000]);

    expect(summary).toEqual({ count: 5, p50: 20, p99: 1000, max: 1000, mean: 226.4 });
  });

  it('reports one outlier in 100 samples in max only: p99 is the 99th sample', () => {
    const samples = [...Array.from({ length: 98 }, () => 5), 6, 500];
    const summary = summariseLatencies(samples);

    expect(summary?.p50).toBe(5);
    expect(summary?.p99).toBe(6);
    expect(summary?.max).toBe(500);
  });

  it('is null without samples', () => {
    expect(summariseLatencies([])).toBeNull();
  });
});

describe('ratePerSecond', () => {
  it('scales a count over milliseconds to a per-second rate', () => {
    expect(ratePerSecond(30_000, 2_000)).toBe(15_000);
  });

  it('refuses an empty window', () => {
    expect(() => ratePerSecond(1, 0)).toThrow(RangeError);
  });
});

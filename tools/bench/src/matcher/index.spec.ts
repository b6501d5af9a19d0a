import { matcherResult } from './index';
import { DEFAULT_MATCHER_BENCH, runMatcherBench } from './run';

const small = {
  ...DEFAULT_MATCHER_BENCH,
  profiles: 2000,
  queries: 300,
  trainingRecords: 600,
  warmupQueries: 50,
};

describe('matcher benchmark', () => {
  const progress: string[] = [];
  const output = runMatcherBench(small, (line) => progress.push(line));

  it('measures both resolvers on every query and reports progress', () => {
    expect(output.matcher.latencyMs.count).toBe(small.queries);
    expect(output.exactKey.latencyMs.count).toBe(small.queries);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('finds more true duplicates than the exact-key lookup', () => {
    expect(output.matcher.mergeOrReview.truePositives).toBeGreaterThan(
      output.exactKey.merge.truePositives,
    );
  });

  it('reports the latency target as met or not from the share of records within 1 ms', () => {
    const met = matcherResult(small, { ...output, withinOneMsPercent: 99.5 });
    const missed = matcherResult(small, { ...output, withinOneMsPercent: 98 });
    expect(met.targets.map((target) => target.met)).toEqual([true]);
    expect(missed.targets.map((target) => target.met)).toEqual([false]);
  });

  it('reports the matcher against the map baseline as a ratio', () => {
    const result = matcherResult(small, output);
    const ratio = result.measurements.find((m) => m.label === 'matcher ÷ map records/s');
    expect(ratio?.value).toBeCloseTo(output.matcher.perSecond / output.exactKey.perSecond, 10);
    expect(result.measurements.filter((m) => m.label === 'merge F1').map((m) => m.group)).toEqual([
      'matcher',
      'exact-key map',
    ]);
  });
});

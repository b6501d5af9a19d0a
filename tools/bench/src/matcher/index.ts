import { atLeast, type Benchmark, type BenchResult, type Measurement } from '../benchmark';
import {
  DEFAULT_MATCHER_BENCH,
  runMatcherBench,
  type MatcherBenchConfig,
  type MatcherRunOutput,
  type ResolverRun,
} from './run';

/** The target: per-record matching p99 ≤ 1 ms with 100,000 profiles. */
export const MATCHER_TARGETS = { withinOneMsPercent: 99 } as const;

/**
 * Probabilistic matching in process: 100,000 synthetic profiles indexed, a Fellegi–Sunter
 * model fitted by EM on unlabeled candidate pairs, then queries (half corrupted duplicates,
 * half new people) matched one at a time. The raw baseline is an exact-key Map lookup
 * (email, then phone) over the same queries.
 */
export const matcherBenchmark: Benchmark = {
  summary: 'probabilistic identity matching latency and accuracy against an exact-key lookup',
  async run(_options, io) {
    const config = DEFAULT_MATCHER_BENCH;
    return matcherResult(
      config,
      runMatcherBench(config, (line) => io.progress(line)),
    );
  },
};

export function matcherResult(config: MatcherBenchConfig, output: MatcherRunOutput): BenchResult {
  const ratio =
    output.exactKey.perSecond > 0 ? output.matcher.perSecond / output.exactKey.perSecond : 0;
  return {
    benchmark: 'matcher',
    setup:
      `${config.profiles} synthetic profiles, EM on the candidate pairs of ${config.trainingRecords} unlabeled records, ` +
      `${config.queries} queries (${config.duplicateShare * 100} % corrupted duplicates) matched one by one after ${config.warmupQueries} warm-up queries, seed ${config.seed}; ` +
      'raw baseline: exact-key Map lookup (email, then phone) over the same queries, same process',
    measurements: [
      ...resolverMeasurements('matcher', output.matcher, true),
      { group: 'matcher', label: 'candidates per record', value: output.meanCandidates, unit: '' },
      { group: 'matcher', label: 'index build', value: output.buildMs, unit: 'ms' },
      { group: 'matcher', label: 'EM fit', value: output.fitMs, unit: 'ms' },
      { group: 'matcher', label: 'EM iterations', value: output.emIterations, unit: '' },
      {
        group: 'matcher',
        label: 'estimated match prior',
        value: output.matchPrior * 100,
        unit: '%',
      },
      ...resolverMeasurements('exact-key map', output.exactKey, false),
      { group: 'ratio', label: 'matcher ÷ map records/s', value: ratio, unit: '' },
      {
        group: 'ratio',
        label: 'matcher ÷ map p50',
        value: output.matcher.latencyMs.p50 / output.exactKey.latencyMs.p50,
        unit: '',
      },
    ],
    targets: [
      atLeast(
        'records matched within 1 ms, % (p99 ≤ 1 ms)',
        output.withinOneMsPercent,
        MATCHER_TARGETS.withinOneMsPercent,
      ),
    ],
    notes: output.emConverged
      ? []
      : [`EM stopped at ${output.emIterations} iterations without converging`],
    details: { config, output },
  };
}

function resolverMeasurements(group: string, run: ResolverRun, withReview: boolean): Measurement[] {
  return [
    { group, label: 'records/s', value: run.perSecond, unit: '' },
    { group, label: 'p50 latency', value: run.latencyMs.p50 * 1000, unit: 'µs' },
    { group, label: 'p99 latency', value: run.latencyMs.p99 * 1000, unit: 'µs' },
    { group, label: 'max latency', value: run.latencyMs.max * 1000, unit: 'µs' },
    { group, label: 'merge precision', value: run.merge.precision * 100, unit: '%' },
    { group, label: 'merge recall', value: run.merge.recall * 100, unit: '%' },
    { group, label: 'merge F1', value: run.merge.f1 * 100, unit: '%' },
    ...(withReview
      ? [
          {
            group,
            label: 'merge+review precision',
            value: run.mergeOrReview.precision * 100,
            unit: '%',
          },
          { group, label: 'merge+review recall', value: run.mergeOrReview.recall * 100, unit: '%' },
          { group, label: 'merge+review F1', value: run.mergeOrReview.f1 * 100, unit: '%' },
        ]
      : []),
  ];
}

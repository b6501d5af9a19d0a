import { performance } from 'node:perf_hooks';
import {
  fitModel,
  labelledQueries,
  Matcher,
  measureAccuracy,
  normaliseEmail,
  normalisePhone,
  PersonIndex,
  Prng,
  syntheticDataset,
  type Accuracy,
  type LabelledOutcome,
  type LabelledRecord,
  type PersonRecord,
  type SyntheticPerson,
} from '@meridian/record-linkage';
import { summariseLatencies, type LatencySummary } from '../stats';

export interface MatcherBenchConfig {
  readonly seed: number;
  readonly profiles: number;
  /** Measured queries, matched one by one. */
  readonly queries: number;
  /** Unlabeled records EM is fitted on (candidate pairs of these), apart from the measured ones. */
  readonly trainingRecords: number;
  /** Queries matched before measuring, for the JIT. */
  readonly warmupQueries: number;
  readonly duplicateShare: number;
}

export const DEFAULT_MATCHER_BENCH: MatcherBenchConfig = {
  seed: 1,
  profiles: 100_000,
  queries: 5_000,
  trainingRecords: 5_000,
  warmupQueries: 2_000,
  duplicateShare: 0.5,
};

/** Latencies and accuracy of one way of resolving the queries to profiles. */
export interface ResolverRun {
  readonly latencyMs: LatencySummary;
  readonly perSecond: number;
  readonly merge: Accuracy;
  readonly mergeOrReview: Accuracy;
}

export interface MatcherRunOutput {
  readonly buildMs: number;
  readonly fitMs: number;
  readonly emIterations: number;
  readonly emConverged: boolean;
  readonly matchPrior: number;
  readonly meanCandidates: number;
  /** Share of queries resolved within 1 ms, %. */
  readonly withinOneMsPercent: number;
  readonly matcher: ResolverRun;
  readonly exactKey: ResolverRun;
}

type Resolve = (record: PersonRecord) => Omit<LabelledOutcome, 'truthId'>;

export function runMatcherBench(
  config: MatcherBenchConfig,
  progress: (line: string) => void,
): MatcherRunOutput {
  progress(
    `generating ${config.profiles} profiles and ${config.queries} queries (seed ${config.seed})`,
  );
  const data = syntheticDataset({ ...config, queries: config.queries });
  const extra = new Prng(config.seed + 1);
  const training = labelledQueries(extra, data.profiles, {
    ...config,
    queries: config.trainingRecords,
  });
  const warmup = labelledQueries(extra, data.profiles, {
    ...config,
    queries: config.warmupQueries,
  });

  let started = performance.now();
  const index = new PersonIndex();
  for (const profile of data.profiles) index.add(profile.entityId, profile.record);
  const buildMs = performance.now() - started;

  progress(`fitting EM on the candidate pairs of ${config.trainingRecords} unlabeled records`);
  started = performance.now();
  const fit = fitModel(
    index,
    training.map((query) => query.record),
  );
  const fitMs = performance.now() - started;

  const matcher = new Matcher(index, fit.model);
  let candidates = 0;
  const resolveByMatcher: Resolve = (record) => {
    const result = matcher.match(record);
    candidates += result.candidatesCompared;
    return result;
  };
  const resolveByKey = exactKeyResolver(data.profiles);

  progress(
    `warming up on ${config.warmupQueries} queries, then matching ${config.queries} one by one`,
  );
  timeQueries(warmup, resolveByMatcher);
  timeQueries(warmup, resolveByKey);
  candidates = 0;
  const matched = timeQueries(data.queries, resolveByMatcher);
  const meanCandidates = candidates / config.queries;
  const exactKey = timeQueries(data.queries, resolveByKey);
  return {
    buildMs,
    fitMs,
    emIterations: fit.iterations,
    emConverged: fit.converged,
    matchPrior: fit.model.matchPrior,
    meanCandidates,
    withinOneMsPercent: matched.withinOneMsPercent,
    matcher: matched.run,
    exactKey: exactKey.run,
  };
}

/**
 * The raw baseline: what a deterministic identity graph does, one Map lookup by normalised
 * email, then by phone number. Its accuracy shows what the probabilistic matcher adds.
 */
function exactKeyResolver(profiles: readonly SyntheticPerson[]): Resolve {
  const byKey = new Map<string, string>();
  for (const profile of profiles) {
    const email = normaliseEmail(profile.record.email);
    const phone = normalisePhone(profile.record.phone)?.slice(-9);
    if (email !== null) byKey.set(`e:${email}`, profile.entityId);
    if (phone !== undefined) byKey.set(`p:${phone}`, profile.entityId);
  }
  return (record) => {
    const email = normaliseEmail(record.email);
    const phone = normalisePhone(record.phone)?.slice(-9);
    const id =
      (email === null ? undefined : byKey.get(`e:${email}`)) ??
      (phone === undefined ? undefined : byKey.get(`p:${phone}`));
    return id === undefined
      ? { profileId: null, decision: 'distinct' }
      : { profileId: id, decision: 'merge' };
  };
}

function timeQueries(queries: readonly LabelledRecord[], resolve: Resolve) {
  const latencies = new Float64Array(queries.length);
  const outcomes: LabelledOutcome[] = [];
  let total = 0;
  queries.forEach((query, i) => {
    const started = performance.now();
    const outcome = resolve(query.record);
    const elapsed = performance.now() - started;
    latencies[i] = elapsed;
    total += elapsed;
    outcomes.push({ ...outcome, truthId: query.truthId });
  });
  const latencyMs = summariseLatencies(Array.from(latencies));
  if (latencyMs === null) throw new RangeError('no queries to time');
  const withinOneMs = latencies.reduce((count, value) => count + (value <= 1 ? 1 : 0), 0);
  const run: ResolverRun = {
    latencyMs,
    perSecond: total > 0 ? (queries.length * 1000) / total : 0,
    merge: measureAccuracy(outcomes),
    mergeOrReview: measureAccuracy(outcomes, (decision) => decision !== 'distinct'),
  };
  return { run, withinOneMsPercent: (withinOneMs / queries.length) * 100 };
}

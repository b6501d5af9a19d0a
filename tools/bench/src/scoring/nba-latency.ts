import {
  ContextualBandit,
  createContextEncoder,
  DEFAULT_PROFILE_CONTEXT,
  SeededRandom,
} from '@meridian/learning';
import { atLeast, type Measurement, type TargetCheck } from '../benchmark';
import { summariseLatencies, type LatencySummary } from '../stats';

/** The target: scoring 50 actions in process takes p99 ≤ 50 µs. */
export const NBA_LATENCY_TARGET = { actions: 50, p99Micros: 50 } as const;

export interface NbaLatencyOptions {
  readonly actions: number;
  /** Measured calls of `choose`, each timed alone. */
  readonly iterations: number;
  readonly seed: number;
  /** Context length; default: the library's default profile context (11). */
  readonly dimension?: number;
  /** Untimed calls first, so that the JIT has optimised the scoring loop. */
  readonly warmup?: number;
  /** Updates before measuring, so every action's A⁻¹ is a dense, learnt matrix. */
  readonly trainingUpdates?: number;
}

export interface NbaLatencyResult {
  readonly options: Required<NbaLatencyOptions>;
  /** One `choose` over all actions: Thompson draws, scores, argmax; microseconds. */
  readonly chooseMicros: LatencySummary;
  /** The raw baseline: one dot product per action of the same dimension, argmax; microseconds. */
  readonly baselineMicros: LatencySummary;
  /** choose ÷ baseline at p50 and p99. */
  readonly ratio: { readonly p50: number; readonly p99: number };
  /** Share of choices within the target's 50 µs, %. */
  readonly withinTargetPercent: number;
}

const { hrtime } = process;

/**
 * Times one `choose` over `actions` actions of a trained bandit, call by call with
 * process.hrtime.bigint (the timer's own cost, a few tens of ns, is included), after a
 * warm-up; then, in the same process, the cheapest possible scorer (a dot product per action)
 * as the raw baseline. Contexts come from a pool so branch predictors see varied input.
 */
export function measureNbaLatency(options: NbaLatencyOptions): NbaLatencyResult {
  const resolved = resolveOptions(options);
  const { actions, iterations, seed, dimension, warmup } = resolved;
  const random = new SeededRandom(seed);
  const contexts = contextPool(random, dimension, 1024);
  const actionIds = Array.from({ length: actions }, (_, a) => `action-${a}`);
  const bandit = new ContextualBandit({ dimension }, new SeededRandom(seed + 1));
  for (const actionId of actionIds) bandit.addAction(actionId);
  for (let n = 0; n < resolved.trainingUpdates; n++) {
    const actionId = actionIds[random.below(actions)] ?? '';
    bandit.update(actionId, pick(contexts, n), random.next() < 0.1 ? 1 : 0);
  }
  const weights = Float64Array.from({ length: actions * dimension }, () => random.normal());

  const chooseOnce = (i: number) => bandit.choose(pick(contexts, i), actionIds).index;
  const baselineOnce = (i: number) => argmaxDot(weights, pick(contexts, i), actions);
  timeCalls(chooseOnce, warmup);
  timeCalls(baselineOnce, warmup);
  const choose = timeCalls(chooseOnce, iterations);
  const baseline = timeCalls(baselineOnce, iterations);
  const chooseMicros = summarise(choose.micros);
  const baselineMicros = summarise(baseline.micros);
  const within = choose.micros.filter((micros) => micros <= NBA_LATENCY_TARGET.p99Micros).length;
  return {
    options: resolved,
    chooseMicros,
    baselineMicros,
    ratio: {
      p50: chooseMicros.p50 / baselineMicros.p50,
      p99: chooseMicros.p99 / baselineMicros.p99,
    },
    withinTargetPercent: (within / iterations) * 100,
  };
}

/** The figures for the `scoring` benchmark's table. */
export function nbaLatencyMeasurements(result: NbaLatencyResult): Measurement[] {
  const rows = (group: string, summary: LatencySummary): Measurement[] => [
    { group, label: 'p50 latency', value: summary.p50, unit: 'µs' },
    { group, label: 'p99 latency', value: summary.p99, unit: 'µs' },
    { group, label: 'max latency', value: summary.max, unit: 'µs' },
  ];
  return [
    ...rows('nba choose', result.chooseMicros),
    ...rows('dot-product baseline', result.baselineMicros),
    { group: 'ratio', label: 'choose ÷ baseline p50', value: result.ratio.p50, unit: '' },
    { group: 'ratio', label: 'choose ÷ baseline p99', value: result.ratio.p99, unit: '' },
  ];
}

export function nbaLatencyTarget(result: NbaLatencyResult): TargetCheck {
  return atLeast(
    `NBA choices of ${result.options.actions} actions within ${NBA_LATENCY_TARGET.p99Micros} µs, % (p99 ≤ ${NBA_LATENCY_TARGET.p99Micros} µs)`,
    result.withinTargetPercent,
    99,
  );
}

function resolveOptions(options: NbaLatencyOptions): Required<NbaLatencyOptions> {
  const resolved = {
    dimension: createContextEncoder(DEFAULT_PROFILE_CONTEXT).dimension,
    warmup: 20_000,
    trainingUpdates: 20_000,
    ...options,
  };
  for (const [name, value] of Object.entries(resolved)) {
    const minimum = name === 'actions' || name === 'iterations' || name === 'dimension' ? 1 : 0;
    if (!(Number.isInteger(value) && value >= minimum)) {
      throw new RangeError(`${name} must be an integer ≥ ${minimum}, got ${value}`);
    }
  }
  return resolved;
}

function contextPool(random: SeededRandom, dimension: number, size: number): Float64Array[] {
  return Array.from({ length: size }, () => {
    const context = Float64Array.from({ length: dimension }, () => random.normal());
    context[0] = 1;
    return context;
  });
}

function pick(contexts: readonly Float64Array[], i: number): Float64Array {
  const context = contexts[i % contexts.length];
  if (context === undefined) throw new RangeError('empty context pool');
  return context;
}

/** The raw baseline: the best of `actions` dot products of the context with fixed weights. */
function argmaxDot(weights: Float64Array, context: Float64Array, actions: number): number {
  const d = context.length;
  let best = 0;
  let bestScore = -Infinity;
  for (let a = 0; a < actions; a++) {
    let score = 0;
    for (let i = 0; i < d; i++) score += (weights[a * d + i] ?? 0) * (context[i] ?? 0);
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return best;
}

/** Times each call alone; the returned checksum keeps the JIT from dropping the work. */
function timeCalls(call: (i: number) => number, count: number) {
  const micros = new Float64Array(count);
  let checksum = 0;
  for (let i = 0; i < count; i++) {
    const started = hrtime.bigint();
    checksum += call(i);
    micros[i] = Number(hrtime.bigint() - started) / 1000;
  }
  return { micros, checksum };
}

function summarise(micros: Float64Array): LatencySummary {
  const summary = summariseLatencies(Array.from(micros));
  if (summary === null) throw new RangeError('no calls were timed');
  return summary;
}

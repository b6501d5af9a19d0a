import { MISSING, type ComparisonField } from './comparators';
import type { FieldParameters, LinkageModel } from './fellegi-sunter';

/** Comparison vectors of candidate pairs, aggregated: EM works on distinct patterns. */
export class PatternCounts {
  private readonly counts = new Map<string, { levels: Int8Array; count: number }>();
  private total = 0;

  add(levels: Int8Array, count = 1): void {
    const key = levels.join(',');
    const entry = this.counts.get(key);
    if (entry === undefined) this.counts.set(key, { levels: Int8Array.from(levels), count });
    else entry.count += count;
    this.total += count;
  }

  get pairs(): number {
    return this.total;
  }

  entries(): IterableIterator<{ readonly levels: Int8Array; readonly count: number }> {
    return this.counts.values();
  }
}

export interface EmOptions {
  readonly maxIterations: number;
  /** Stop when no parameter moved by more than this. */
  readonly tolerance: number;
  readonly initialPrior: number;
  /**
   * u probabilities measured on random pairs (almost all non-matches), kept fixed: the
   * usual remedy when the candidate pairs alone do not separate the two classes well.
   */
  readonly fixedU?: readonly (readonly number[])[];
}

export const DEFAULT_EM_OPTIONS: EmOptions = {
  maxIterations: 200,
  tolerance: 1e-6,
  initialPrior: 0.1,
};

export interface EmResult {
  readonly model: LinkageModel;
  readonly iterations: number;
  readonly converged: boolean;
}

// No level is ever impossible: a zero m or u would give an infinite weight.
const FLOOR = 1e-5;

/**
 * Fellegi–Sunter parameters by expectation–maximisation over unlabeled candidate pairs,
 * assuming the fields agree independently given match status. m starts high on the best
 * level and u at the observed level frequencies (candidate pairs are mostly non-matches),
 * so the first class EM converges to is the match class.
 */
export function estimateParameters(
  patterns: PatternCounts,
  fields: readonly ComparisonField[],
  options: EmOptions = DEFAULT_EM_OPTIONS,
): EmResult {
  if (patterns.pairs === 0) throw new RangeError('EM needs at least one candidate pair');
  let m = fields.map((field) => initialM(field.levels.length));
  let u = options.fixedU?.map((levels) => [...levels]) ?? observedFrequencies(patterns, fields);
  let prior = options.initialPrior;
  const entries = [...patterns.entries()];
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const next = maximise(entries, fields, m, u, prior);
    const nextU = options.fixedU === undefined ? next.u : u;
    const moved = Math.max(
      Math.abs(next.prior - prior),
      largestChange(m, next.m),
      largestChange(u, nextU),
    );
    m = next.m;
    u = nextU;
    prior = next.prior;
    if (moved < options.tolerance)
      return { model: toModel(fields, m, u, prior), iterations: iteration, converged: true };
  }
  return {
    model: toModel(fields, m, u, prior),
    iterations: options.maxIterations,
    converged: false,
  };
}

/** One E step (match probability of each pattern) and M step (re-estimated parameters). */
function maximise(
  entries: readonly { readonly levels: Int8Array; readonly count: number }[],
  fields: readonly ComparisonField[],
  m: readonly number[][],
  u: readonly number[][],
  prior: number,
) {
  const mSums = fields.map((field) => new Array<number>(field.levels.length).fill(0));
  const uSums = fields.map((field) => new Array<number>(field.levels.length).fill(0));
  let matches = 0;
  let total = 0;
  for (const { levels, count } of entries) {
    let pMatch = prior;
    let pNonMatch = 1 - prior;
    for (let f = 0; f < fields.length; f++) {
      const level = levels[f] ?? MISSING;
      if (level === MISSING) continue;
      pMatch *= m[f]?.[level] ?? 0;
      pNonMatch *= u[f]?.[level] ?? 0;
    }
    const posterior = pMatch / (pMatch + pNonMatch);
    matches += posterior * count;
    total += count;
    for (let f = 0; f < fields.length; f++) {
      const level = levels[f] ?? MISSING;
      if (level === MISSING) continue;
      const mRow = mSums[f];
      const uRow = uSums[f];
      if (mRow === undefined || uRow === undefined) continue;
      mRow[level] = (mRow[level] ?? 0) + posterior * count;
      uRow[level] = (uRow[level] ?? 0) + (1 - posterior) * count;
    }
  }
  return {
    m: mSums.map(normalise),
    u: uSums.map(normalise),
    prior: Math.min(1 - FLOOR, Math.max(FLOOR, matches / total)),
  };
}

function initialM(levels: number): number[] {
  if (levels < 2) return [1];
  const rest = levels - 2;
  // Best level 0.8, "different" 0.05, the partial levels share the remaining 0.15.
  const m = [levels === 2 ? 0.9 : 0.8, ...new Array<number>(rest).fill(0.15 / Math.max(rest, 1))];
  m.push(levels === 2 ? 0.1 : 0.05);
  return m;
}

/** Level frequencies over all pairs: an estimate of u when matches are rare. */
function observedFrequencies(
  patterns: PatternCounts,
  fields: readonly ComparisonField[],
): number[][] {
  const sums = fields.map((field) => new Array<number>(field.levels.length).fill(0));
  for (const { levels, count } of patterns.entries())
    for (let f = 0; f < fields.length; f++) {
      const level = levels[f] ?? MISSING;
      const row = sums[f];
      if (level !== MISSING && row !== undefined) row[level] = (row[level] ?? 0) + count;
    }
  return sums.map(normalise);
}

/** Each level's share of the row, floored so none is zero, summing to 1. */
export function normalise(row: readonly number[]): number[] {
  const total = row.reduce((sum, value) => sum + value, 0);
  const shares = row.map((value) => (total > 0 ? value / total : 1 / row.length));
  const floored = shares.map((share) => Math.max(share, FLOOR));
  const flooredTotal = floored.reduce((sum, value) => sum + value, 0);
  return floored.map((share) => share / flooredTotal);
}

function largestChange(before: readonly number[][], after: readonly number[][]): number {
  let largest = 0;
  before.forEach((row, f) =>
    row.forEach((value, level) => {
      largest = Math.max(largest, Math.abs(value - (after[f]?.[level] ?? 0)));
    }),
  );
  return largest;
}

function toModel(
  fields: readonly ComparisonField[],
  m: readonly number[][],
  u: readonly number[][],
  prior: number,
): LinkageModel {
  const parameters: FieldParameters[] = fields.map((_, f) => ({ m: m[f] ?? [], u: u[f] ?? [] }));
  return { fields, parameters, matchPrior: prior };
}

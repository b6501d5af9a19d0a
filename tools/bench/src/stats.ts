/** Latency summary in milliseconds over every recorded sample (no sampling, no buckets). */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * The nearest-rank percentile of ascending `sorted` values: the smallest value with at
 * least p % of the samples at or below it. Exact, and always one of the samples.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  const value = sorted[Math.min(rank, sorted.length) - 1];
  if (value === undefined) throw new RangeError(`no sample at rank ${rank}`);
  return value;
}

/** p50, p99, max and mean of the samples; null when there are none. */
export function summariseLatencies(samples: readonly number[]): LatencySummary | null {
  if (samples.length === 0) return null;
  // Float64Array sorts numerically (Array#sort would compare as strings).
  const sorted = Array.from(Float64Array.from(samples).sort());
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    mean: total / sorted.length,
  };
}

/** Events (or requests) per second over a measured window. */
export function ratePerSecond(count: number, measuredMs: number): number {
  if (!(measuredMs > 0))
    throw new RangeError(`measured window must be positive, got ${measuredMs}`);
  return (count * 1000) / measuredMs;
}

import type { BenchOptions } from './options';

/** Progress lines go to stderr, so --json output on stdout stays parseable. */
export interface BenchIo {
  progress(line: string): void;
}

/** One figure of the result table. */
export interface Measurement {
  /** Which side of the comparison: "ingestion", "raw nats", "ratio". */
  readonly group: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

/** A speed target of the issue: met when `actual` ≥ `atLeast`. */
export interface TargetCheck {
  readonly name: string;
  readonly actual: number;
  readonly atLeast: number;
  readonly met: boolean;
}

export interface BenchResult {
  readonly benchmark: string;
  /** One line on what was run: sizes, durations, concurrency. */
  readonly setup: string;
  readonly measurements: readonly Measurement[];
  readonly targets: readonly TargetCheck[];
  /** Printed under the table: what went wrong (the first failed request), caveats. */
  readonly notes: readonly string[];
  /** Everything else worth keeping in the JSON output (raw worker results, statuses). */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface Benchmark {
  readonly summary: string;
  run(options: BenchOptions, io: BenchIo): Promise<BenchResult>;
}

export function atLeast(name: string, actual: number, required: number): TargetCheck {
  return { name, actual, atLeast: required, met: actual >= required };
}

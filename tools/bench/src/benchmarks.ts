import type { Benchmark } from './benchmark';
import { ingestBenchmark } from './ingest';
import { matcherBenchmark } from './matcher';

/** Every benchmark by the name given on the command line (`profile`, `scoring` come later). */
export const benchmarks: Readonly<Record<string, Benchmark>> = {
  ingest: ingestBenchmark,
  matcher: matcherBenchmark,
};

import type { Benchmark } from './benchmark';
import { identityBenchmark } from './identity';
import { ingestBenchmark } from './ingest';
import { matcherBenchmark } from './matcher';
import { profileBenchmark } from './profile';
import { scoringBenchmark } from './scoring';

/** Every benchmark by the name given on the command line. */
export const benchmarks: Readonly<Record<string, Benchmark>> = {
  identity: identityBenchmark,
  ingest: ingestBenchmark,
  matcher: matcherBenchmark,
  profile: profileBenchmark,
  scoring: scoringBenchmark,
};

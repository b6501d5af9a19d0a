import type { Benchmark } from './benchmark';
import { identityBenchmark } from './identity';
import { ingestBenchmark } from './ingest';
import { matcherBenchmark } from './matcher';
import { profileBenchmark } from './profile';

/** Every benchmark by the name given on the command line (`scoring` comes later). */
export const benchmarks: Readonly<Record<string, Benchmark>> = {
  identity: identityBenchmark,
  ingest: ingestBenchmark,
  matcher: matcherBenchmark,
  profile: profileBenchmark,
};

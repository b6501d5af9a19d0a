import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { atLeast, type Benchmark, type BenchIo, type BenchResult } from '../benchmark';
import { benchInfra } from '../ingest/environment';
import { totalCpuMicros } from '../ingest/process-cpu';
import type { BenchOptions } from '../options';
import { runWorker } from '../worker';
import { BacklogFeeder } from './feeder';
import { IdentityEnvironment, type IdentityActivity, type StoredProfiles } from './environment';
import { BENCH_IDENTITY_WORKSPACE, identityLoad, type IdentityLoad } from './load';
import { RAW_UPSERTER_SCRIPT, RawUpserterOutput, type RawUpserterInput } from './protocol';
import {
  throughputMeasurements,
  throughputOf,
  watchResolution,
  type IdentityThroughput,
} from './resolution';

/** The target: identity resolves at least half as many calls a second as raw upserts. */
export const IDENTITY_TARGETS = { ratioToRaw: 0.5 } as const;

/** The load and the baseline's shape; see docs/benchmarks.md. */
export const IDENTITY_BENCH = {
  /** People whose calls make the load (5.2 calls each on average). */
  people: 20_000,
  /**
   * People whose calls are interleaved in one stretch of the stream: few enough that a slow
   * store still gets through many stretches (the whole mix) in the measured window.
   */
  cohort: 10,
  /**
   * How often the resolved count and identity's CPU are read, and the backlog topped up: often
   * enough that the feeder never holds identity back (one stream info request each).
   */
  sampleIntervalMs: 10,
  /**
   * Ingestion requests' worth of calls kept published but unresolved: enough for every
   * partition to have work, few enough that routed calls and merge commands wait briefly.
   */
  backlogRequests: 1,
  /** Upserts per bulkWrite of the raw baseline: FerretDB 1.24 never answers one of 100 or more. */
  rawBatchSize: 50,
  /** bulkWrites in flight: 1, because concurrent ones misbehave on FerretDB 1.24. */
  rawInFlight: 1,
  /** Stored profiles the baseline copies in turn. */
  rawSample: 500,
} as const;

/** What the benchmark knows after identity's phase. */
export interface IdentityPhase {
  readonly load: Pick<IdentityLoad, 'calls' | 'messages' | 'people' | 'callTypes'> & {
    /** Calls the feeder published before the window ended. */
    readonly published: number;
  };
  readonly throughput: IdentityThroughput;
  /** Over the whole phase, warm-up included, when identity was stopped. */
  readonly activity: IdentityActivity;
  readonly profiles: StoredProfiles;
}

/**
 * Calls through identity alone: the calls of 20,000 people (identifying, browsing, signing up,
 * logging in on new devices) are published on INGEST as ingestion would (CallAcceptedV2, one
 * per partition of each request) while identity (`--instances` processes splitting
 * `--partitions`) resolves them against the store, one request's worth kept waiting; the rate
 * is read from the EVENTS stream. In the same run, a worker bulk-upserts copies of the profiles
 * identity stored into the same database with the driver: the store's raw rate.
 */
export const identityBenchmark: Benchmark = {
  summary: 'calls resolved per second by identity against raw bulk upserts of its profiles',
  async run(options: BenchOptions, io: BenchIo): Promise<BenchResult> {
    const environment = new IdentityEnvironment(
      benchInfra(),
      options.partitions,
      options.instances,
    );
    try {
      await environment.provision((line) => io.progress(line));
      const phase = await runIdentityPhase(environment, options, io);
      const raw = await runRawPhase(environment, phase.profiles, options, io);
      return identityResult(options, phase, raw);
    } finally {
      io.progress(`cleaning up namespace ${environment.namespace}`);
      await environment.dispose();
    }
  },
};

async function runIdentityPhase(
  environment: IdentityEnvironment,
  options: BenchOptions,
  io: BenchIo,
): Promise<IdentityPhase> {
  const load = identityLoad({
    runId: randomBytes(4).toString('hex'),
    people: IDENTITY_BENCH.people,
    partitions: options.partitions,
    callsPerRequest: options.eventsPerRequest,
    cohort: IDENTITY_BENCH.cohort,
    startAt: new Date(),
  });
  await environment.startService((line) => io.progress(line));
  const feeder = new BacklogFeeder(
    load.requests,
    IDENTITY_BENCH.backlogRequests * options.eventsPerRequest,
    (messages) => environment.publish(messages),
  );
  io.progress(
    `identity: ${options.warmupSeconds} s warm-up + up to ${options.durationSeconds} s measured, ` +
      `fed ${load.calls} calls of ${IDENTITY_BENCH.people} people in ${load.messages} INGEST messages as it resolves them`,
  );
  const pids = environment.servicePids;
  const window = await watchResolution({
    sample: async () => {
      const resolved = await environment.resolvedCalls();
      return { atMs: performance.now(), resolved, cpuMicros: await totalCpuMicros(pids) };
    },
    onSample: (sample) => feeder.topUp(sample.resolved),
    sleep: (ms) => sleep(ms),
    total: load.calls,
    warmupMs: options.warmupSeconds * 1000,
    durationMs: options.durationSeconds * 1000,
    intervalMs: IDENTITY_BENCH.sampleIntervalMs,
  });
  const throughput = throughputOf(window);
  const activity = await environment.activity();
  await environment.stopService();
  const profiles = await environment.storedProfiles();
  const { calls, people, callTypes, messages } = load;
  return {
    load: { calls, people, callTypes, messages, published: feeder.published },
    throughput,
    activity,
    profiles,
  };
}

async function runRawPhase(
  environment: IdentityEnvironment,
  profiles: StoredProfiles,
  options: BenchOptions,
  io: BenchIo,
): Promise<RawUpserterOutput> {
  const input: RawUpserterInput = {
    mongoUrl: environment.infra.mongoUrl,
    database: environment.namespace,
    workspaceId: BENCH_IDENTITY_WORKSPACE.workspaceId,
    sourceCollection: 'profiles',
    targetCollection: 'bench_raw_profiles',
    sampleSize: IDENTITY_BENCH.rawSample,
    // At least one batch of distinct ids, when identity stored fewer profiles than that.
    documents: Math.max(profiles.stored, IDENTITY_BENCH.rawBatchSize * IDENTITY_BENCH.rawInFlight),
    batchSize: IDENTITY_BENCH.rawBatchSize,
    inFlight: IDENTITY_BENCH.rawInFlight,
    warmupMs: options.warmupSeconds * 1000,
    durationMs: options.durationSeconds * 1000,
  };
  io.progress(
    `raw bulk upserts: ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured, ` +
      `${IDENTITY_BENCH.rawBatchSize} per bulkWrite over ${input.documents} documents`,
  );
  return runWorker(RAW_UPSERTER_SCRIPT, input, RawUpserterOutput);
}

export function identityResult(
  options: BenchOptions,
  phase: IdentityPhase,
  raw: RawUpserterOutput,
): BenchResult {
  const { throughput, activity, profiles, load } = phase;
  const ratio = raw.upsertsPerSecond > 0 ? throughput.eventsPerSecond / raw.upsertsPerSecond : 0;
  const identity = (label: string, value: number, unit = '') => ({
    group: 'identity',
    label,
    value,
    unit,
  });
  const resolvedShare =
    activity.resolved + activity.deadLetters === 0
      ? 0
      : (activity.resolved / (activity.resolved + activity.deadLetters)) * 100;
  return {
    benchmark: 'identity',
    setup:
      `${options.instances} identity process(es) over ${options.partitions} partitions, fed the calls of ` +
      `${load.people.known} known, ${load.people.firstLogin} first-login, ${load.people.newDevice} new-device and ${load.people.anonymous} anonymous people ` +
      `as CallAcceptedV2 messages of requests of ${options.eventsPerRequest} calls, ${IDENTITY_BENCH.backlogRequests} request(s) of calls kept unresolved, ` +
      `${options.warmupSeconds} s warm-up + up to ${options.durationSeconds} s measured per phase; ` +
      `raw baseline: driver bulkWrite of ${IDENTITY_BENCH.rawBatchSize} upserts ($set) of copies of identity's profiles, ${IDENTITY_BENCH.rawInFlight} in flight, own process`,
    measurements: [
      ...throughputMeasurements('identity', throughput, 'calls measured'),
      identity('calls resolved, all', activity.resolved),
      identity('merges', activity.merges),
      identity('routed + merge commands', activity.commands),
      identity('dead letters', activity.deadLetters),
      identity('profiles stored', profiles.stored),
      identity('profiles live', profiles.live),
      { group: 'raw upsert', label: 'upserts/s', value: raw.upsertsPerSecond, unit: '' },
      { group: 'raw upsert', label: 'CPU per upsert', value: raw.cpuMicrosPerUpsert, unit: 'µs' },
      { group: 'raw upsert', label: 'profile size', value: raw.documentBytes, unit: 'B JSON' },
      { group: 'ratio', label: 'identity ÷ raw', value: ratio, unit: '' },
    ],
    targets: [
      atLeast('ratio to raw bulk upsert', ratio, IDENTITY_TARGETS.ratioToRaw),
      // A run where calls were dead-lettered measures something else than resolution.
      atLeast('calls resolved without a dead letter, %', resolvedShare, 100),
    ],
    notes: identityNotes(phase),
    details: { load, throughput, activity, profiles, raw },
  };
}

function identityNotes(phase: IdentityPhase): string[] {
  const notes: string[] = [];
  if (phase.throughput.drained)
    notes.push(
      `identity drained the backlog before the measured window was over: measured to its last resolution`,
    );
  if (phase.activity.deadLetters > 0)
    notes.push(
      `${phase.activity.deadLetters} messages were dead-lettered; the identity log is under .data/test-logs/<namespace>-identity.log`,
    );
  return notes;
}

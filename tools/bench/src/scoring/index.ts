import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { runSimulation, type SimulationReport } from '@meridian/simulator';
import { atLeast, type Benchmark, type BenchIo, type BenchResult } from '../benchmark';
import { benchInfra } from '../ingest/environment';
import { totalCpuMicros } from '../ingest/process-cpu';
import {
  RAW_UPSERTER_SCRIPT,
  RawUpserterOutput,
  type RawUpserterInput,
} from '../identity/protocol';
import {
  throughputMeasurements,
  throughputOf,
  watchResolution,
  type IdentityThroughput,
} from '../identity/resolution';
import type { BenchOptions } from '../options';
import { runWorker } from '../worker';
import { ScoringEnvironment } from './environment';
import { BENCH_SCORING_WORKSPACE, scoringLoad, type ScoringLoad } from './load';
import { measureNbaLatency, nbaLatencyMeasurements, nbaLatencyTarget } from './nba-latency';
import { simulatorMeasurements, simulatorTargets } from './simulator-report';

export const SCORING_BENCH = {
  /** Invoices of Online Retail replayed (of about 22,000 with a customer). */
  invoices: 22_000,
  sampleIntervalMs: 50,
  /** Raw baseline: upserts per bulkWrite and in flight, as for identity (FerretDB 1.24 limits). */
  rawBatchSize: 50,
  rawInFlight: 1,
  rawSample: 500,
  nbaIterations: 100_000,
  simulatorSeed: 1,
} as const;

/**
 * Scoring, three ways. (1) Events per second through scoring: Online Retail's invoices as
 * resolved events (Order Completed / Order Refunded), consumed by `--instances` scoring
 * processes over `--partitions`; in the same run, raw bulk upserts of copies of the RFM
 * documents scoring stored, the store's raw rate. (2) Next-best-action latency for 50 actions,
 * in process, against 50 plain dot products. (3) The simulator's report (seed 1).
 */
export const scoringBenchmark: Benchmark = {
  summary: 'events/s through scoring against raw upserts; NBA latency for 50 actions; simulator',
  async run(options: BenchOptions, io: BenchIo): Promise<BenchResult> {
    const load = await scoringLoad({
      root: process.cwd(),
      partitions: options.partitions,
      invoices: SCORING_BENCH.invoices,
      runId: randomBytes(4).toString('hex'),
    });
    const environment = new ScoringEnvironment(benchInfra(), options.partitions, options.instances);
    let throughput: IdentityThroughput;
    let raw: RawUpserterOutput;
    let activity: { published: number; deadLetters: number };
    try {
      await environment.provision((line) => io.progress(line));
      throughput = await runScoringPhase(environment, load, options, io);
      activity = await environment.activity();
      await environment.stopService();
      raw = await runRawPhase(environment, options, io);
    } finally {
      io.progress(`cleaning up namespace ${environment.namespace}`);
      await environment.dispose();
    }
    io.progress(`NBA: ${SCORING_BENCH.nbaIterations} choices of 1 among 50 actions, in process`);
    const nba = measureNbaLatency({
      actions: 50,
      iterations: SCORING_BENCH.nbaIterations,
      seed: 1,
    });
    io.progress(`simulator: seed ${SCORING_BENCH.simulatorSeed}`);
    const simulation = runSimulation({ seed: SCORING_BENCH.simulatorSeed });
    return scoringResult(options, { load, throughput, activity, raw, nba, simulation });
  },
};

async function runScoringPhase(
  environment: ScoringEnvironment,
  load: ScoringLoad,
  options: BenchOptions,
  io: BenchIo,
): Promise<IdentityThroughput> {
  io.progress(
    `publishing ${load.messages.length} resolved events (${load.orders} orders, ${load.refunds} refunds of ${load.customers} customers)`,
  );
  for (let start = 0; start < load.messages.length; start += 1_000)
    await environment.publish(load.messages.slice(start, start + 1_000));
  await environment.startService((line) => io.progress(line));
  io.progress(
    `scoring: ${options.warmupSeconds} s warm-up + up to ${options.durationSeconds} s measured`,
  );
  const window = await watchResolution({
    sample: async () => ({
      atMs: performance.now(),
      resolved: await environment.handledEvents(),
      cpuMicros: await totalCpuMicros(environment.servicePids),
    }),
    onSample: async () => undefined,
    sleep: (ms) => sleep(ms),
    total: load.messages.length,
    warmupMs: options.warmupSeconds * 1000,
    durationMs: options.durationSeconds * 1000,
    intervalMs: SCORING_BENCH.sampleIntervalMs,
  });
  return throughputOf(window, 'scoring');
}

function runRawPhase(
  environment: ScoringEnvironment,
  options: BenchOptions,
  io: BenchIo,
): Promise<RawUpserterOutput> {
  const input: RawUpserterInput = {
    mongoUrl: environment.infra.mongoUrl,
    database: environment.namespace,
    workspaceId: BENCH_SCORING_WORKSPACE,
    sourceCollection: 'rfm_profiles',
    targetCollection: 'bench_raw_rfm_profiles',
    sampleSize: SCORING_BENCH.rawSample,
    documents: 2_000,
    batchSize: SCORING_BENCH.rawBatchSize,
    inFlight: SCORING_BENCH.rawInFlight,
    warmupMs: options.warmupSeconds * 1000,
    durationMs: options.durationSeconds * 1000,
  };
  io.progress(
    `raw bulk upserts of RFM documents: ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured`,
  );
  return runWorker(RAW_UPSERTER_SCRIPT, input, RawUpserterOutput);
}

interface ScoringRun {
  readonly load: ScoringLoad;
  readonly throughput: IdentityThroughput;
  readonly activity: { readonly published: number; readonly deadLetters: number };
  readonly raw: RawUpserterOutput;
  readonly nba: ReturnType<typeof measureNbaLatency>;
  readonly simulation: SimulationReport;
}

export function scoringResult(options: BenchOptions, run: ScoringRun): BenchResult {
  const { throughput, raw, activity, load } = run;
  const ratio = raw.upsertsPerSecond > 0 ? throughput.eventsPerSecond / raw.upsertsPerSecond : 0;
  const scoring = (label: string, value: number, unit = '') => ({
    group: 'scoring',
    label,
    value,
    unit,
  });
  return {
    benchmark: 'scoring',
    setup:
      `${options.instances} scoring process(es) over ${options.partitions} partitions, ${load.messages.length} Online Retail invoices ` +
      `of ${load.customers} customers as resolved events, all published before scoring starts, ${options.warmupSeconds} s warm-up + up to ${options.durationSeconds} s measured; ` +
      `raw baseline: driver bulkWrite of ${SCORING_BENCH.rawBatchSize} upserts ($set) of copies of scoring's RFM documents, ${SCORING_BENCH.rawInFlight} in flight, own process; ` +
      `NBA: ${SCORING_BENCH.nbaIterations} choices among 50 actions against 50 dot products, same process; simulator seed ${SCORING_BENCH.simulatorSeed}`,
    measurements: [
      ...throughputMeasurements('scoring', throughput, 'events measured'),
      scoring('messages published', activity.published),
      scoring('dead letters', activity.deadLetters),
      { group: 'raw upsert', label: 'upserts/s', value: raw.upsertsPerSecond, unit: '' },
      { group: 'raw upsert', label: 'document size', value: raw.documentBytes, unit: 'B JSON' },
      { group: 'ratio', label: 'scoring ÷ raw', value: ratio, unit: '' },
      ...nbaLatencyMeasurements(run.nba),
      ...simulatorMeasurements(run.simulation),
    ],
    targets: [
      atLeast(
        'events handled without a dead letter, % ',
        activity.deadLetters === 0 ? 100 : 0,
        100,
      ),
      nbaLatencyTarget(run.nba),
      ...simulatorTargets(run.simulation),
    ],
    notes: throughput.drained ? ['every event was handled before the measured window ended'] : [],
    details: { throughput, raw, nba: run.nba, simulationTargets: run.simulation.targets },
  };
}

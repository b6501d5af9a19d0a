import { randomBytes } from 'node:crypto';
import { atLeast, type Benchmark, type BenchIo, type BenchResult } from '../benchmark';
import type { BenchOptions } from '../options';
import { runWorker } from '../worker';
import { benchInfra, IngestEnvironment, type StreamContents } from './environment';
import { MAX_FAILURES } from './load';
import { totalCpuMicros } from './process-cpu';
import {
  LOAD_GENERATOR_SCRIPT,
  LoadGeneratorOutput,
  RAW_PUBLISHER_SCRIPT,
  RawPublisherOutput,
  type LoadGeneratorInput,
  type RawPublisherInput,
} from './protocol';

/** A worker's result and what the ingest stream held after its phase. */
export interface Phase<Output> {
  readonly output: Output;
  readonly stored: StreamContents;
}

/**
 * The load generator's figures plus the CPU time the ingestion instances used per event
 * sent in the phase (null where /proc cannot be read): a figure that, unlike events per
 * second, hardly moves when other work shares the machine.
 */
export type IngestionPhaseOutput = LoadGeneratorOutput & {
  readonly cpuMicrosPerEvent: number | null;
};

/** The targets on the 2-core reference machine. */
export const INGEST_TARGETS = { eventsPerSecond: 15_000, ratioToRaw: 0.7 } as const;

/**
 * POST /v1/batch end to end: a load generator process posts 1 KB track events in batches
 * to the ingestion service (a child process, on its own namespace and database), then a
 * raw nats.js publisher process publishes the same events straight to the same stream's
 * subjects. The ratio of the two is what the service costs over the bus itself.
 */
export const ingestBenchmark: Benchmark = {
  summary: 'POST /v1/batch throughput and latency against raw JetStream publish',
  async run(options: BenchOptions, io: BenchIo): Promise<BenchResult> {
    const environment = new IngestEnvironment(benchInfra(), options.partitions, options.instances);
    try {
      await environment.start((line) => io.progress(line));
      const load = await runLoadPhase(environment, options, io);
      await environment.stopService();
      await environment.purgeIngestStream();
      const raw = await runRawPhase(environment, options, io);
      return ingestResult(options, load, raw);
    } finally {
      io.progress(`cleaning up namespace ${environment.namespace}`);
      await environment.dispose();
    }
  },
};

async function runLoadPhase(
  environment: IngestEnvironment,
  options: BenchOptions,
  io: BenchIo,
): Promise<Phase<IngestionPhaseOutput>> {
  const input: LoadGeneratorInput = {
    urls: environment.batchUrls,
    writeKey: environment.writeKey,
    connections: options.connections,
    eventsPerRequest: options.eventsPerRequest,
    eventBytes: options.eventBytes,
    warmupMs: options.warmupSeconds * 1000,
    durationMs: options.durationSeconds * 1000,
    runId: randomBytes(4).toString('hex'),
  };
  io.progress(
    `ingestion: ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured, ${options.connections} connections over ${options.instances} instance(s)`,
  );
  const cpuBefore = await totalCpuMicros(environment.servicePids);
  const load = await runWorker(LOAD_GENERATOR_SCRIPT, input, LoadGeneratorOutput);
  const cpuAfter = await totalCpuMicros(environment.servicePids);
  const stored = await environment.ingestStreamState(true);
  if (stored.events < load.events)
    throw new Error(
      `ingestion answered 200 for ${load.events} events but the stream holds ${stored.events}`,
    );
  const sentEvents = (load.attempts - load.failures) * options.eventsPerRequest;
  const cpuMicrosPerEvent =
    cpuBefore === null || cpuAfter === null || sentEvents === 0
      ? null
      : (cpuAfter - cpuBefore) / sentEvents;
  return { output: { ...load, cpuMicrosPerEvent }, stored };
}

async function runRawPhase(
  environment: IngestEnvironment,
  options: BenchOptions,
  io: BenchIo,
): Promise<Phase<RawPublisherOutput>> {
  // As many unacknowledged publishes as events the generator keeps in flight.
  const inFlight = options.connections * options.eventsPerRequest;
  const input: RawPublisherInput = {
    natsUrl: environment.infra.natsUrl,
    namespace: environment.namespace,
    partitions: options.partitions,
    eventBytes: options.eventBytes,
    inFlight,
    warmupMs: options.warmupSeconds * 1000,
    durationMs: options.durationSeconds * 1000,
    runId: randomBytes(4).toString('hex'),
  };
  io.progress(
    `raw nats.js publish: ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured, ${inFlight} in flight`,
  );
  const raw = await runWorker(RAW_PUBLISHER_SCRIPT, input, RawPublisherOutput);
  const stored = await environment.ingestStreamState(false);
  if (stored.events < raw.acked)
    throw new Error(`raw publish counted ${raw.acked} acks but the stream holds ${stored.events}`);
  return { output: raw, stored };
}

export function ingestResult(
  options: BenchOptions,
  loadPhase: Phase<IngestionPhaseOutput>,
  rawPhase: Phase<RawPublisherOutput>,
): BenchResult {
  const load = loadPhase.output;
  const raw = rawPhase.output;
  const ratio = raw.ackedPerSecond > 0 ? load.eventsPerSecond / raw.ackedPerSecond : 0;
  const latency = load.latencyMs;
  return {
    benchmark: 'ingest',
    setup:
      `${options.instances} ingestion instance(s), ${options.connections} keep-alive connections × ${options.eventsPerRequest} events × ${options.eventBytes} B per request, ` +
      `${options.partitions} partitions, ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured per phase; ` +
      `raw baseline: nats.js JetStream publish, ${options.connections * options.eventsPerRequest} in flight, own process`,
    measurements: [
      { group: 'ingestion', label: 'events/s', value: load.eventsPerSecond, unit: '' },
      { group: 'ingestion', label: 'requests/s', value: load.requestsPerSecond, unit: '' },
      { group: 'ingestion', label: 'p50 latency', value: latency?.p50 ?? Number.NaN, unit: 'ms' },
      { group: 'ingestion', label: 'p99 latency', value: latency?.p99 ?? Number.NaN, unit: 'ms' },
      { group: 'ingestion', label: 'max latency', value: latency?.max ?? Number.NaN, unit: 'ms' },
      { group: 'ingestion', label: 'failed requests', value: load.failures, unit: '' },
      {
        group: 'ingestion',
        label: 'stored bytes/event',
        value: bytesPerEvent(loadPhase.stored),
        unit: 'B',
      },
      {
        group: 'ingestion',
        label: 'CPU per event',
        value: loadPhase.output.cpuMicrosPerEvent ?? Number.NaN,
        unit: 'µs',
      },
      { group: 'raw nats', label: 'events/s', value: raw.ackedPerSecond, unit: '' },
      { group: 'raw nats', label: 'CPU per event', value: raw.cpuMicrosPerMessage, unit: 'µs' },
      {
        group: 'raw nats',
        label: 'stored bytes/event',
        value: bytesPerEvent(rawPhase.stored),
        unit: 'B',
      },
      { group: 'ratio', label: 'ingestion ÷ raw', value: ratio, unit: '' },
    ],
    targets: [
      atLeast('ingestion events/s', load.eventsPerSecond, INGEST_TARGETS.eventsPerSecond),
      atLeast('ratio to raw publish', ratio, INGEST_TARGETS.ratioToRaw),
      // A run with refused or failed requests measures something else than ingestion.
      atLeast('successful requests, % of all', successShare(load), 100),
    ],
    notes: ingestNotes(load),
    details: {
      ingestion: { ...load, stored: loadPhase.stored },
      raw: { ...raw, stored: rawPhase.stored },
    },
  };
}

function successShare(load: LoadGeneratorOutput): number {
  return load.attempts === 0 ? 0 : ((load.attempts - load.failures) / load.attempts) * 100;
}

/** Average size of a stored event: ingestion's envelope against the raw call bytes. */
function bytesPerEvent(stored: StreamContents): number {
  return stored.events === 0 ? 0 : stored.bytes / stored.events;
}

function ingestNotes(load: LoadGeneratorOutput): string[] {
  if (load.failures === 0) return [];
  return [
    `${load.failures} of ${load.attempts} requests failed (the run stops at ${MAX_FAILURES}); the first: ${load.firstFailure ?? 'unknown'}`,
    'the ingestion service log is under .data/test-logs/<namespace>-ingestion.log',
  ];
}

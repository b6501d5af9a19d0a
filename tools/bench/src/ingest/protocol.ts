import { join } from 'node:path';
import { z } from 'zod';

/** What the ingest benchmark passes to its two worker processes and reads back. */

export const LOAD_GENERATOR_SCRIPT = join(__dirname, 'load-generator.ts');
export const RAW_PUBLISHER_SCRIPT = join(__dirname, 'raw-publisher.ts');

const positive = z.number().int().positive();
const milliseconds = z.number().nonnegative();

export const LoadGeneratorInput = z.object({
  /** One batch endpoint per ingestion instance; connections are spread over them in turn. */
  urls: z.array(z.string().url()).min(1),
  writeKey: z.string().min(1),
  connections: positive,
  eventsPerRequest: positive,
  eventBytes: positive,
  warmupMs: milliseconds,
  durationMs: milliseconds,
  runId: z.string().min(1),
});
export type LoadGeneratorInput = z.infer<typeof LoadGeneratorInput>;

const LatencySummary = z.object({
  count: z.number(),
  p50: z.number(),
  p99: z.number(),
  max: z.number(),
  mean: z.number(),
});

export const LoadGeneratorOutput = z.object({
  requests: z.number(),
  events: z.number(),
  attempts: z.number(),
  failures: z.number(),
  statuses: z.record(z.string(), z.number()),
  firstFailure: z.string().nullable(),
  measuredMs: z.number(),
  eventsPerSecond: z.number(),
  requestsPerSecond: z.number(),
  latencyMs: LatencySummary.nullable(),
});
export type LoadGeneratorOutput = z.infer<typeof LoadGeneratorOutput>;

export const RawPublisherInput = z.object({
  natsUrl: z.string().min(1),
  namespace: z.string().min(1),
  partitions: positive,
  eventBytes: positive,
  inFlight: positive,
  warmupMs: milliseconds,
  durationMs: milliseconds,
  runId: z.string().min(1),
});
export type RawPublisherInput = z.infer<typeof RawPublisherInput>;

export const RawPublisherOutput = z.object({
  acked: z.number(),
  measuredMs: z.number(),
  ackedPerSecond: z.number(),
  cpuMicrosPerMessage: z.number(),
});
export type RawPublisherOutput = z.infer<typeof RawPublisherOutput>;

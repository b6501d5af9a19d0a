import { join } from 'node:path';
import { z } from 'zod';

/** What the profile benchmark passes to its worker processes and reads back. */

export const HTTP_PROBE_SCRIPT = join(__dirname, 'http-probe.ts');
export const FIND_ONE_PROBE_SCRIPT = join(__dirname, 'find-one-probe.ts');
export const STATIC_SERVER_ENTRY = join(__dirname, 'static-json-server.ts');

const positive = z.number().int().positive();
const milliseconds = z.number().nonnegative();

const LatencySummary = z.object({
  count: z.number(),
  p50: z.number(),
  p99: z.number(),
  max: z.number(),
  mean: z.number(),
});

/** How long a probe runs, at what rate or with how many requests in flight. */
export const ProbeLoad = z.object({
  /**
   * Requests sent per second to each target (open loop); absent: a closed loop over
   * `connections`.
   */
  ratePerSecond: positive.optional(),
  /** Keep-alive connections (the most requests in flight at once). */
  connections: positive,
  warmupMs: milliseconds,
  durationMs: milliseconds,
  /** Latency the target is about: the share of requests at or under it is reported. */
  thresholdMs: z.number().positive(),
});
export type ProbeLoad = z.infer<typeof ProbeLoad>;

/** One URL an HTTP probe GETs. */
export const HttpTarget = z.object({
  url: z.string().url(),
  headers: z.record(z.string(), z.string()),
});
export type HttpTarget = z.infer<typeof HttpTarget>;

export const HttpProbeInput = ProbeLoad.extend({
  /** Sent to in turns, request by request, so each meets the same machine. */
  targets: z.array(HttpTarget).min(1),
});
export type HttpProbeInput = z.infer<typeof HttpProbeInput>;

export const FindOneProbeInput = ProbeLoad.extend({
  mongoUrl: z.string().min(1),
  database: z.string().min(1),
  workspaceId: z.string().min(1),
  profileId: z.string().min(1),
});
export type FindOneProbeInput = z.infer<typeof FindOneProbeInput>;

export const ProbeOutput = z.object({
  /** Requests answered as expected whose answer completed inside the measured window. */
  requests: z.number(),
  /** Requests answered otherwise or not at all, warm-up included; the probe stops at 100. */
  failures: z.number(),
  firstFailure: z.string().nullable(),
  requestsPerSecond: z.number(),
  /** Size of the last answer, in bytes (the serialised profile). */
  answerBytes: z.number(),
  latencyMs: LatencySummary.nullable(),
  /** Share of measured requests answered within thresholdMs, in %. */
  withinThresholdPercent: z.number(),
});
export type ProbeOutput = z.infer<typeof ProbeOutput>;

/** An HTTP probe's result: one output per target, in the targets' order. */
export const HttpProbeOutput = z.array(ProbeOutput);
export type HttpProbeOutput = z.infer<typeof HttpProbeOutput>;

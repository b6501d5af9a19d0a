import { setTimeout as sleep } from 'node:timers/promises';
import { ratePerSecond, summariseLatencies } from '../stats';
import type { ProbeLoad, ProbeOutput } from './protocol';

/** After this many failed requests a probe stops: its numbers would not mean anything. */
export const MAX_PROBE_FAILURES = 100;

/** One request of a probe: resolves with the answer's size, rejects when it is not right. */
export type ProbeRequest = () => Promise<number>;

/** What a probe measured, before it is summarised. */
class Recorder {
  readonly latencies: number[] = [];
  failures = 0;
  firstFailure: string | null = null;
  answerBytes = 0;

  constructor(
    private readonly measureFrom: number,
    private readonly measureUntil: number,
  ) {}

  get failed(): boolean {
    return this.failures >= MAX_PROBE_FAILURES;
  }

  /** Sends one request and records its latency when its answer lands in the measured window. */
  async time(request: ProbeRequest): Promise<void> {
    const started = performance.now();
    try {
      this.answerBytes = await request();
    } catch (error) {
      this.failures += 1;
      this.firstFailure ??= error instanceof Error ? error.message : String(error);
      return;
    }
    const finished = performance.now();
    if (finished >= this.measureFrom && finished < this.measureUntil)
      this.latencies.push(finished - started);
  }

  output(load: ProbeLoad): ProbeOutput {
    const { latencies } = this;
    const within = latencies.filter((latency) => latency <= load.thresholdMs).length;
    return {
      requests: latencies.length,
      failures: this.failures,
      firstFailure: this.firstFailure,
      requestsPerSecond: ratePerSecond(latencies.length, load.durationMs),
      answerBytes: this.answerBytes,
      latencyMs: summariseLatencies(latencies),
      withinThresholdPercent: latencies.length === 0 ? 0 : (within / latencies.length) * 100,
    };
  }
}

function recorderFor(load: ProbeLoad): Recorder {
  const measureFrom = performance.now() + load.warmupMs;
  return new Recorder(measureFrom, measureFrom + load.durationMs);
}

/**
 * Sends `ratePerSecond` requests a second to each target for warm-up + duration whether or
 * not earlier ones were answered (open loop, as independent callers would), and records the
 * latency of every answer in the measured window (send → complete answer; p50/p99 exact over
 * all of them). A fixed rate measures latency at a known load; a closed loop would measure how
 * fast the server can go, queueing included. Several targets take turns request by request, so
 * every target meets the same machine at the same moments and none sits idle between turns:
 * on this kind of VM the first second of load after an idle second has several times the
 * share of slow answers, even for a bare server (docs/benchmarks.md).
 */
export async function runAtRate(
  load: ProbeLoad,
  targets: readonly ProbeRequest[],
): Promise<ProbeOutput[]> {
  if (load.ratePerSecond === undefined) throw new RangeError('runAtRate needs ratePerSecond');
  if (targets.length === 0) throw new RangeError('runAtRate needs a target');
  const recorders = targets.map(() => recorderFor(load));
  const intervalMs = 1000 / (load.ratePerSecond * targets.length);
  const start = performance.now();
  const end = start + load.warmupMs + load.durationMs;
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  while (!recorders.some((recorder) => recorder.failed)) {
    const now = performance.now();
    if (now >= end) break;
    const due = Math.floor((now - start) / intervalMs) + 1;
    for (; sent < due; sent += 1) {
      const turn = sent % targets.length;
      const recorder = recorders[turn];
      const request = targets[turn];
      if (recorder === undefined || request === undefined) throw new Error(`no target ${turn}`);
      const timed = recorder.time(request).finally(() => inFlight.delete(timed));
      inFlight.add(timed);
    }
    await sleep(Math.max(0, start + sent * intervalMs - performance.now()));
  }
  await Promise.all(inFlight);
  return recorders.map((recorder) => recorder.output(load));
}

/**
 * Keeps `connections` requests in flight for warm-up + duration, each connection sending the
 * next as soon as the previous is answered (closed loop); for a baseline too slow to hold
 * any fixed rate.
 */
export async function runClosedLoop(load: ProbeLoad, request: ProbeRequest): Promise<ProbeOutput> {
  const recorder = recorderFor(load);
  const end = performance.now() + load.warmupMs + load.durationMs;
  const connection = async () => {
    while (!recorder.failed && performance.now() < end) await recorder.time(request);
  };
  await Promise.all(Array.from({ length: load.connections }, connection));
  return recorder.output(load);
}

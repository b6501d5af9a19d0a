import { ratePerSecond, summariseLatencies } from '../stats';
import type { AnswerSink } from './keep-alive-client';
import type { ProbeLoad, ProbeOutput } from './protocol';

/** After this many failed requests a probe stops: its numbers would not mean anything. */
export const MAX_PROBE_FAILURES = 100;
/** How often a finished open-loop probe checks whether every request it sent has settled. */
const SETTLE_POLL_MS = 5;

/** One request of a closed-loop probe: resolves with the answer's size, rejects when not right. */
export type ProbeRequest = () => Promise<number>;

/** A target of an open-loop probe: sends one request now; its answer goes to `sink`. */
export interface RateTarget {
  send(startedAt: number, sink: AnswerSink): void;
}

/**
 * What a probe measured, before it is summarised. Latencies go into a typed array that grows by
 * doubling, so recording an answer allocates nothing the probe's GC would have to pause for.
 */
class Recorder implements AnswerSink {
  private latencies: Float64Array;
  private recorded = 0;
  /** Requests answered or failed so far, warm-up included. */
  settled = 0;
  failures = 0;
  firstFailure: string | null = null;
  answerBytes = 0;

  constructor(
    private readonly measureFrom: number,
    private readonly measureUntil: number,
    expectedAnswers: number,
  ) {
    this.latencies = new Float64Array(Math.max(16, expectedAnswers));
  }

  get gaveUp(): boolean {
    return this.failures >= MAX_PROBE_FAILURES;
  }

  /** Records the latency of an answer that completes in the measured window. */
  answered(startedAt: number, bodyBytes: number): void {
    const finished = performance.now();
    this.settled += 1;
    this.answerBytes = bodyBytes;
    if (finished >= this.measureFrom && finished < this.measureUntil)
      this.record(finished - startedAt);
  }

  failed(error: Error): void {
    this.settled += 1;
    this.failures += 1;
    this.firstFailure ??= error.message;
  }

  output(load: ProbeLoad): ProbeOutput {
    const latencies = Array.from(this.latencies.subarray(0, this.recorded));
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

  private record(latency: number): void {
    if (this.recorded === this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.recorded] = latency;
    this.recorded += 1;
  }
}

function recorderFor(load: ProbeLoad, expectedAnswers: number): Recorder {
  const measureFrom = performance.now() + load.warmupMs;
  return new Recorder(measureFrom, measureFrom + load.durationMs, expectedAnswers);
}

/**
 * Sends `ratePerSecond` requests a second to each target for warm-up + duration whether or
 * not earlier ones were answered (open loop, as independent callers would), and records the
 * latency of every answer in the measured window (send → complete answer; p50/p99 exact over
 * all of them). A fixed rate measures latency at a known load; a closed loop would measure how
 * fast the server can go, queueing included. Several targets take turns request by request, so
 * every target meets the same machine at the same moments and none sits idle between turns:
 * on this kind of VM the first second of load after an idle second has several times the
 * share of slow answers, even for a bare server (docs/benchmarks.md). One interval timer sends
 * whatever is due, so pacing allocates nothing per request either.
 */
export function runAtRate(load: ProbeLoad, targets: readonly RateTarget[]): Promise<ProbeOutput[]> {
  const rate = load.ratePerSecond;
  if (rate === undefined) throw new RangeError('runAtRate needs ratePerSecond');
  if (targets.length === 0) throw new RangeError('runAtRate needs a target');
  // Room for every answer of the measured window and a tenth more, so the array rarely grows.
  const expectedAnswers = Math.ceil(rate * (load.durationMs / 1000) * 1.1);
  const recorders = targets.map(() => recorderFor(load, expectedAnswers));
  const intervalMs = 1000 / (rate * targets.length);
  const start = performance.now();
  const end = start + load.warmupMs + load.durationMs;
  // A loop, not recorders.some(callback): this runs every millisecond.
  const gaveUp = () => {
    for (const recorder of recorders) if (recorder.gaveUp) return true;
    return false;
  };
  let sent = 0;
  const sendDue = () => {
    const due = Math.floor((performance.now() - start) / intervalMs) + 1;
    for (; sent < due; sent += 1) {
      const turn = sent % targets.length;
      const target = targets[turn];
      const recorder = recorders[turn];
      if (target === undefined || recorder === undefined) throw new Error(`no target ${turn}`);
      target.send(performance.now(), recorder);
    }
  };
  return new Promise((resolve) => {
    const pacer = setInterval(() => {
      if (performance.now() < end && !gaveUp()) return sendDue();
      clearInterval(pacer);
      const settling = setInterval(() => {
        if (recorders.reduce((sum, recorder) => sum + recorder.settled, 0) < sent) return;
        clearInterval(settling);
        resolve(recorders.map((recorder) => recorder.output(load)));
      }, SETTLE_POLL_MS);
    }, 1);
    sendDue();
  });
}

/**
 * Keeps `connections` requests in flight for warm-up + duration, each connection sending the
 * next as soon as the previous is answered (closed loop); for a baseline too slow to hold
 * any fixed rate.
 */
export async function runClosedLoop(load: ProbeLoad, request: ProbeRequest): Promise<ProbeOutput> {
  const recorder = recorderFor(load, 1024);
  const end = performance.now() + load.warmupMs + load.durationMs;
  const connection = async () => {
    while (!recorder.gaveUp && performance.now() < end) {
      const startedAt = performance.now();
      let answerBytes: number;
      try {
        answerBytes = await request();
      } catch (error) {
        recorder.failed(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      recorder.answered(startedAt, answerBytes);
    }
  };
  await Promise.all(Array.from({ length: load.connections }, connection));
  return recorder.output(load);
}

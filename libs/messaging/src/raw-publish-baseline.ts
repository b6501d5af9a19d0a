import { CONNECTION_TUNING } from './connection';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describeError } from './errors';

/**
 * The raw baseline for benchmarks (tools/bench): how fast plain nats.js JetStream publishes
 * with a bounded window of unacknowledged messages go on this machine, so a service's own
 * throughput can be reported as a ratio against it in the same run. Lives here because NATS
 * may only be imported inside this lib; nothing in the services uses it.
 */

/** One publish of the run; `sequence` counts from 0 over the whole run, warm-up included. */
export interface RawPublishMessage {
  /** The full subject, namespace included. */
  readonly subject: string;
  readonly data: Uint8Array;
  /** The Nats-Msg-Id; unique per message, or the stream's duplicate window drops it. */
  readonly msgId: string;
}

export interface RawPublishOptions {
  readonly natsUrl: string;
  /** Called once per publish; return a fresh `data` buffer (nats.js may write it out later). */
  readonly message: (sequence: number) => RawPublishMessage;
  /** Publishes awaiting their acknowledgement at once. */
  readonly inFlight: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** How long one publish waits for its ack. Default 10 s. */
  readonly publishTimeoutMs?: number;
}

export interface RawPublishResult {
  /** Publishes acknowledged inside the measured window (after the warm-up). */
  readonly acked: number;
  readonly measuredMs: number;
  readonly ackedPerSecond: number;
  /** This process's CPU time (user + system) per publish, over the whole run. */
  readonly cpuMicrosPerMessage: number;
}

/**
 * Publishes for warm-up + duration with `inFlight` lanes, each awaiting its ack before the
 * next publish, and counts the acks that arrive in the measured window. The first failed
 * publish stops the run and is thrown: a baseline with failures is not a baseline.
 */
export async function measureRawPublishRate(options: RawPublishOptions): Promise<RawPublishResult> {
  if (!Number.isInteger(options.inFlight) || options.inFlight < 1)
    throw new RangeError(`inFlight must be a positive integer, got ${options.inFlight}`);
  // The same connection tuning as Meridian's own client, so the baseline is not handicapped.
  const nc = await connect({
    servers: options.natsUrl,
    name: 'meridian-bench-raw-publish',
    ...CONNECTION_TUNING,
  });
  try {
    const js = jetstream(nc);
    const cpuAtStart = process.cpuUsage();
    const timeout = options.publishTimeoutMs ?? 10_000;
    const measureFrom = performance.now() + options.warmupMs;
    const measureUntil = measureFrom + options.durationMs;
    let sequence = 0;
    let acked = 0;
    let failure: unknown;

    const lane = async () => {
      while (failure === undefined && performance.now() < measureUntil) {
        const { subject, data, msgId } = options.message(sequence);
        sequence += 1;
        try {
          await js.publish(subject, data, { msgID: msgId, timeout });
        } catch (error) {
          failure ??= error;
          return;
        }
        const now = performance.now();
        if (now >= measureFrom && now < measureUntil) acked += 1;
      }
    };
    await Promise.all(Array.from({ length: options.inFlight }, lane));
    if (failure !== undefined)
      throw new Error(`raw publish failed: ${describeError(failure)}`, { cause: failure });
    const cpu = process.cpuUsage(cpuAtStart);
    return {
      acked,
      measuredMs: options.durationMs,
      ackedPerSecond: (acked * 1000) / options.durationMs,
      cpuMicrosPerMessage: sequence === 0 ? 0 : (cpu.user + cpu.system) / sequence,
    };
  } finally {
    await nc.close();
  }
}

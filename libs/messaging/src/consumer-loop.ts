import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { LoggerService } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError } from './errors';

/** Pause after a failed pull (consumer gone, connection down) before asking again. */
const PULL_RETRY_MS = 2_000;

export interface ConsumerLoopOptions {
  /** For logs: the durable name, with a worker number when several share it. */
  readonly name: string;
  readonly consumer: Consumer;
  readonly batchSize: number;
  readonly expiresMs: number;
  /** Handles one message completely, acknowledging it one way or another; never throws. */
  readonly process: (message: JsMsg) => Promise<void>;
  readonly logger: LoggerService;
}

/**
 * One sequential worker on a durable pull consumer: fetch a batch, handle its messages one
 * after the other, repeat. A partition has exactly one such worker (single writer); a
 * non-partitioned consumer has `concurrency` of them sharing the durable.
 */
export class ConsumerLoop {
  private stopping = false;
  private readonly stopSignal = new AbortController();
  private current: ConsumerMessages | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: ConsumerLoopOptions) {}

  start(): void {
    this.running ??= this.run();
  }

  /** Stops pulling, lets the message in hand finish, hands the rest of the batch back. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopSignal.abort();
    await this.closeCurrent();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.fetchBatch();
      } catch (error) {
        if (this.stopping) break;
        this.options.logger.warn(
          `pull from ${this.options.name} failed, retrying: ${describeError(error)}`,
        );
        await this.pause(PULL_RETRY_MS);
      }
    }
  }

  private async fetchBatch(): Promise<void> {
    const { consumer, batchSize, expiresMs } = this.options;
    const batch = await consumer.fetch({ max_messages: batchSize, expires: expiresMs });
    this.current = batch;
    // stop() may have run while fetch() was being set up; it could not close this batch then.
    if (this.stopping) await this.closeCurrent();
    try {
      for await (const message of batch) {
        if (this.stopping) {
          // Prefetched but not started: give it back now rather than after the ack wait.
          message.nak();
          continue;
        }
        await this.options.process(message);
      }
    } finally {
      this.current = undefined;
    }
  }

  private async closeCurrent(): Promise<void> {
    const closed = await this.current?.close();
    if (closed instanceof Error)
      this.options.logger.warn(
        `closing the pull on ${this.options.name}: ${describeError(closed)}`,
      );
  }

  private async pause(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.stopSignal.signal });
    } catch (error) {
      // An abort only means stop() was called during the pause; anything else is a bug.
      if (!this.stopSignal.signal.aborted) throw error;
    }
  }
}

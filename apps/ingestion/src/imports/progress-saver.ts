import type { ImportProgress } from './import-job.collection';

/** Longest time between a batch becoming durable and the job document saying so. */
export const PROGRESS_INTERVAL_MS = 1_000;

/**
 * Writes a job's progress at most once per interval, and at the end of an interval in which
 * batches became durable (an upload that stalls after a burst still shows where it got to).
 * Writes happen one after the other, and `close` waits for the last one: the job's final
 * write never races a progress write (single writer per document).
 */
export class ProgressSaver {
  private lastWrite = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private latest: (() => ImportProgress) | undefined;
  /** The last write; never rejects (a failure is kept in `failure`). */
  private writing: Promise<void> = Promise.resolve();
  private failure: { readonly error: unknown } | undefined;
  private closed = false;

  constructor(
    private readonly save: (progress: ImportProgress) => Promise<void>,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** New durable progress; `progress` is read when the write happens, so it is the latest. */
  async durable(progress: () => ImportProgress): Promise<void> {
    if (this.failure) throw this.failure.error;
    if (this.closed) return;
    this.latest = progress;
    const wait = this.lastWrite + this.intervalMs - this.now();
    if (wait <= 0) {
      await this.write();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // A failed write is kept and thrown by the next durable() or by close().
      this.write().catch((error: unknown) => {
        this.failure ??= { error };
      });
    }, wait);
  }

  /** Stops writing; resolves once the last write is done, or throws its failure. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    if (this.failure) throw this.failure.error;
  }

  private write(): Promise<void> {
    const progress = this.latest;
    if (progress === undefined || this.closed) return this.writing;
    this.lastWrite = this.now();
    const written = this.writing.then(() => this.save(progress()));
    this.writing = written.catch((error: unknown) => {
      this.failure ??= { error };
    });
    return written;
  }
}

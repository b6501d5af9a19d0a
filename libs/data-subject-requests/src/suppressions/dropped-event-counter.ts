import { Logger } from '@nestjs/common';
import type { DropCountKey } from './suppression.repository';
import type { ActiveSuppression } from './suppression-set';

/** Where counts are written: SuppressionDropCountRepository, or a double in specs. */
export interface DropCountSink {
  add(key: DropCountKey, dropped: number, lastDroppedAt: Date): Promise<void>;
}

interface PendingCount {
  readonly key: DropCountKey;
  dropped: number;
  lastDroppedAt: Date;
}

/** How often counted drops are written; a drop shows in GET .../suppressions within about this. */
export const DROP_COUNT_FLUSH_MS = 1_000;

/**
 * Counts dropped events per suppression in memory and writes them in one increment per
 * suppression per flush, not one write per event. A failed write keeps its count for the
 * next flush, so nothing counted is lost while the database is away (only a crash loses
 * the last second's counts; the Prometheus counter has them).
 */
export class DroppedEventCounter {
  private readonly logger = new Logger(DroppedEventCounter.name);
  private pending = new Map<string, PendingCount>();
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly sink: DropCountSink,
    /** This process's id: each instance writes only its own count documents. */
    private readonly instanceId: string,
    private readonly clock: () => number = Date.now,
  ) {}

  count(workspaceId: string, suppression: ActiveSuppression, dropped = 1): void {
    const key = {
      workspaceId,
      suppressionId: suppression.id,
      requestId: suppression.requestId,
      instanceId: this.instanceId,
    };
    this.add(key, dropped, new Date(this.clock()));
  }

  /** Writes what was counted since the last flush; one flush at a time. */
  async flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    const results = await Promise.allSettled(
      batch.map(({ key, dropped, lastDroppedAt }) => this.sink.add(key, dropped, lastDroppedAt)),
    );
    results.forEach((result, index) => {
      const entry = batch[index];
      if (result.status === 'fulfilled' || entry === undefined) return;
      this.add(entry.key, entry.dropped, entry.lastDroppedAt);
      this.logger.warn(
        `writing ${entry.dropped} dropped events of suppression ${entry.key.suppressionId} failed, kept for the next flush: ${describe(result.reason)}`,
      );
    });
  }

  private add(key: DropCountKey, dropped: number, at: Date): void {
    const id = `${key.suppressionId}|${key.requestId}`;
    const entry = this.pending.get(id);
    if (entry === undefined) {
      this.pending.set(id, { key, dropped, lastDroppedAt: at });
      return;
    }
    entry.dropped += dropped;
    if (at > entry.lastDroppedAt) entry.lastDroppedAt = at;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { EMPTY_DIGEST } from './group-digest';
import type { ImportProgress, RefusedSample } from './import-job.collection';

/** How many refusals a job keeps with their row numbers; the counts by code cover the rest. */
export const MAX_REFUSED_SAMPLES = 100;

/** Where a resumed import starts: the durable point of the job it resumes. */
export interface ResumePoint {
  readonly lastDurableRow: number;
  readonly durableDigest: string;
}

/**
 * The counters of one import, in memory; `progress()` is what the job document stores. Rows
 * are counted as read; calls only once ingestion answered for them; the durable point moves
 * only when a batch is on the stream (see ImportRun).
 */
export class ImportTally {
  private bytesReceived = 0;
  private rowsRead = 0;
  private rowsSkipped = 0;
  private callsAccepted = 0;
  private callsRefused = 0;
  private readonly refusedByCode = new Map<string, number>();
  private readonly refusedSamples: RefusedSample[] = [];
  private readonly skipped = new Map<string, number>();
  private durable: ResumePoint;

  constructor(start: ResumePoint = { lastDurableRow: 0, durableDigest: EMPTY_DIGEST }) {
    this.durable = start;
  }

  bytes(count: number): void {
    this.bytesReceived += count;
  }

  rows(count: number): void {
    this.rowsRead += count;
  }

  rowsAlreadyDone(count: number): void {
    this.rowsSkipped += count;
  }

  accepted(count: number): void {
    this.callsAccepted += count;
  }

  /** A call, row or group that will not be imported; kept as a sample while there is room. */
  refused(sample: RefusedSample): void {
    this.callsRefused += 1;
    this.refusedByCode.set(sample.code, (this.refusedByCode.get(sample.code) ?? 0) + 1);
    if (this.refusedSamples.length < MAX_REFUSED_SAMPLES) this.refusedSamples.push(sample);
  }

  /** A group the mapping leaves out on purpose. */
  skippedGroup(reason: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  /** Every row up to `point.lastDurableRow` is done; the point never moves back. */
  durableThrough(point: ResumePoint): void {
    if (point.lastDurableRow >= this.durable.lastDurableRow) this.durable = point;
  }

  get lastDurableRow(): number {
    return this.durable.lastDurableRow;
  }

  progress(): ImportProgress {
    return {
      bytesReceived: this.bytesReceived,
      rowsRead: this.rowsRead,
      rowsSkipped: this.rowsSkipped,
      callsAccepted: this.callsAccepted,
      callsRefused: this.callsRefused,
      refusedByCode: Object.fromEntries(this.refusedByCode),
      refusedSamples: [...this.refusedSamples],
      skipped: [...this.skipped].map(([reason, groups]) => ({ reason, groups })),
      lastDurableRow: this.durable.lastDurableRow,
      durableDigest: this.durable.durableDigest,
    };
  }
}

import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** A call or group that will not be imported, and why. */
export interface Reject {
  /** Ordinal of the group in the file, when the mapping rejected it (refusals carry messageId). */
  readonly group?: number;
  readonly key?: string;
  readonly messageId?: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Rejects as NDJSON beside the checkpoint, one line each, appended as they happen. A group
 * resent after a crash may be recorded twice; its messageId tells the copies apart.
 */
export class RejectsLog {
  private readonly counts = new Map<string, number>();

  constructor(readonly path: string) {}

  /** Starts over (with --restart). */
  clear(): void {
    rmSync(this.path, { force: true });
  }

  record(reject: Reject): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify({ ...reject, at: new Date().toISOString() })}\n`);
    this.counts.set(reject.code, (this.counts.get(reject.code) ?? 0) + 1);
  }

  /** Rejects recorded by this run, by code. */
  byCode(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }
}

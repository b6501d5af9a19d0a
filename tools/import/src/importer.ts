import {
  groupRows,
  type ImportCall,
  type Mapping,
  type RowGroup,
  type Source,
} from '@meridian/bulk-import';
import type { ProgressSnapshot } from './progress';
import {
  AckWindow,
  RequestBuilder,
  type BatchResult,
  type BatchSender,
  type PendingRequest,
} from './send';
import { CheckpointError, type Checkpoint, type CheckpointStore, type RejectsLog } from './state';

export interface ImportPlan {
  readonly mapping: Mapping;
  readonly source: Source;
  readonly checkpoint: CheckpointStore;
  readonly rejects: RejectsLog;
  readonly sender: BatchSender;
  /** Calls per /v1/batch request. */
  readonly batchSize: number;
  /** JSON bytes per request; a single call larger than this is rejected locally. */
  readonly maxBatchBytes: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Import only the first `limit` groups of the file. */
  readonly limit?: number;
  /** Ignore the checkpoint and start from the first group. */
  readonly restart: boolean;
  /** Aborting stops reading, cancels requests in flight and keeps the checkpoint as it is. */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

export type ImportStatus =
  'completed' | 'limit-reached' | 'already-complete' | 'aborted' | 'failed';

export interface ImportSummary {
  readonly status: ImportStatus;
  /** Why the run stopped early when failed or aborted. */
  readonly error?: unknown;
  readonly mapping: string;
  readonly file: string;
  readonly checkpointPath: string;
  readonly rejectsPath: string;
  readonly rows: number;
  /** Groups passed over because an earlier run's checkpoint had them. */
  readonly groupsResumed: number;
  /** Groups mapped by this run. */
  readonly groups: number;
  /** Groups the mapping skipped, by reason. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Groups and calls that will not be imported, by code (see the rejects file). */
  readonly rejected: Readonly<Record<string, number>>;
  readonly callsSent: number;
  readonly callsAccepted: number;
  readonly callsRefused: number;
  readonly retries: number;
  /** The checkpoint's position at the end: groups durably done. */
  readonly groupsDone: number;
  readonly durationMs: number;
}

/** Longest time between two checkpoint writes while requests are being answered. */
export const CHECKPOINT_INTERVAL_MS = 1_000;

/** Code of a call too large for any request; it is rejected without being sent. */
export const CALL_TOO_LARGE = 'CALL_TOO_LARGE';

/**
 * Streams a file through a mapping into /v1/batch requests: reads only as fast as requests are
 * answered (at most `concurrency` in flight), and moves the checkpoint after each answered
 * window. One run; create a new Importer to run again.
 */
export class Importer {
  private readonly now: () => number;
  private readonly startedAt: number;
  private readonly controller = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { readonly error: unknown } | undefined;
  private stoppedAtLimit = false;
  private answeredSinceSave = 0;
  private savedAt = 0;
  private start: Checkpoint | undefined;
  private window = new AckWindow(0);
  private stats = {
    rows: 0,
    groupsResumed: 0,
    groups: 0,
    callsSent: 0,
    callsAccepted: 0,
    callsRefused: 0,
    retries: 0,
  };
  private readonly skipped = new Map<string, number>();

  constructor(private readonly plan: ImportPlan) {
    this.now = plan.now ?? Date.now;
    this.startedAt = this.now();
  }

  /** The live figures for the progress display. */
  snapshot(): ProgressSnapshot {
    return {
      rows: this.stats.rows,
      groups: this.stats.groups,
      callsSent: this.stats.callsSent,
      callsAnswered: this.stats.callsAccepted + this.stats.callsRefused,
      refused: this.stats.callsRefused,
      bytesRead: this.plan.source.bytesRead(),
      totalBytes: this.plan.source.totalBytes,
      elapsedMs: this.now() - this.startedAt,
    };
  }

  async run(): Promise<ImportSummary> {
    const { plan } = this;
    this.start = this.startingPoint();
    if (this.start.complete) return this.summary('already-complete');
    if (plan.limit !== undefined && this.start.groupsDone >= plan.limit) {
      return this.summary('limit-reached');
    }
    if (plan.restart) plan.rejects.clear();
    const onAbort = () => this.fail(plan.signal?.reason, true);
    if (plan.signal?.aborted) onAbort();
    plan.signal?.addEventListener('abort', onAbort, { once: true });
    let readToEnd = false;
    let lastGroup = this.start.groupsDone;
    try {
      const builder = new RequestBuilder(plan.batchSize, plan.maxBatchBytes, lastGroup);
      for await (const group of this.groupsToImport()) {
        await this.importGroup(group, builder);
        lastGroup = group.ordinal;
      }
      readToEnd = !this.stoppedAtLimit;
      const last = builder.flush();
      if (last) await this.dispatch(last);
    } catch (error) {
      this.fail(error, false);
    } finally {
      plan.signal?.removeEventListener('abort', onAbort);
    }
    await Promise.all(this.inFlight);
    if (!this.failure) this.window.settle(lastGroup);
    // Also after a failure: the position only ever counts answered requests.
    this.saveCheckpoint(readToEnd && !this.failure);
    return this.summary(this.statusAtEnd(readToEnd));
  }

  private startingPoint(): Checkpoint {
    const { mapping, source, checkpoint, restart } = this.plan;
    const fresh: Checkpoint = {
      version: 1,
      mapping: mapping.fingerprint,
      file: source.path,
      fileSize: source.totalBytes,
      groupsDone: 0,
      complete: false,
      callsAccepted: 0,
      callsRefused: 0,
      updatedAt: new Date(this.now()).toISOString(),
    };
    const saved = restart ? undefined : checkpoint.load();
    if (!saved) return fresh;
    if (saved.mapping !== mapping.fingerprint || saved.fileSize !== source.totalBytes) {
      throw new CheckpointError(checkpoint.path, 'written for another mapping or file');
    }
    this.window = new AckWindow(saved.groupsDone);
    return saved;
  }

  /** The file's groups after the checkpoint, up to the limit; stops early on failure or abort. */
  private async *groupsToImport(): AsyncGenerator<RowGroup> {
    const { source, mapping, limit } = this.plan;
    const resumeAfter = this.start?.groupsDone ?? 0;
    const rows = source.rows({ requiredColumns: mapping.requiredColumns });
    for await (const group of groupRows(rows, mapping.grouping)) {
      if (this.failure) return;
      if (limit !== undefined && group.ordinal > limit) {
        this.stoppedAtLimit = true;
        return;
      }
      this.stats.rows += group.rows.length;
      if (group.ordinal <= resumeAfter) {
        // Re-reading is cheap; correctness never depends on it (messageIds are deterministic).
        this.stats.groupsResumed += 1;
        continue;
      }
      yield group;
    }
  }

  private async importGroup(group: RowGroup, builder: RequestBuilder): Promise<void> {
    const { mapping, rejects } = this.plan;
    this.stats.groups += 1;
    const outcome = mapping.toCalls(group);
    if (outcome.kind === 'skipped') {
      this.skipped.set(outcome.reason, (this.skipped.get(outcome.reason) ?? 0) + 1);
    } else if (outcome.kind === 'invalid') {
      rejects.record({ group: group.ordinal, key: group.key, ...outcome });
    } else {
      for (const call of outcome.calls) {
        const bytes = Buffer.byteLength(JSON.stringify(call));
        if (!builder.fits(bytes)) {
          rejects.record({
            group: group.ordinal,
            key: group.key,
            messageId: call.messageId,
            code: CALL_TOO_LARGE,
            message: `${bytes} bytes of JSON: more than a request may carry`,
          });
          continue;
        }
        const closed = builder.add(call, bytes);
        if (closed) await this.dispatch(closed);
      }
    }
    builder.groupDone(group.ordinal);
  }

  /** Sends a request once a slot is free; waiting here is what throttles reading. */
  private async dispatch(request: PendingRequest): Promise<void> {
    while (this.inFlight.size >= this.plan.concurrency) await Promise.race(this.inFlight);
    if (this.failure) return;
    const seq = this.window.open(request.groupsThrough);
    this.stats.callsSent += request.calls.length;
    const task: Promise<void> = this.plan.sender
      .send(request.calls, this.controller.signal)
      .then((result) => this.answered(seq, request.calls, result))
      .catch((error: unknown) => this.fail(error, true))
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private answered(seq: number, calls: readonly ImportCall[], result: BatchResult): void {
    const refusedIndexes = new Set<number>();
    for (const refusal of result.refused) {
      const call = calls[refusal.index];
      if (call) refusedIndexes.add(refusal.index);
      this.plan.rejects.record({
        messageId: call?.messageId,
        code: refusal.code,
        message: refusal.message,
      });
    }
    this.stats.callsRefused += refusedIndexes.size;
    this.stats.callsAccepted += calls.length - refusedIndexes.size;
    this.stats.retries += result.attempts - 1;
    this.answeredSinceSave += 1;
    const moved = this.window.complete(seq) !== undefined;
    // Once per window of `concurrency` answers, or per second when answers are slow: often
    // enough to resume close to where a crash happened, rarely enough not to cost throughput.
    const due =
      this.answeredSinceSave >= this.plan.concurrency ||
      this.now() - this.savedAt >= CHECKPOINT_INTERVAL_MS;
    if (moved && due) this.saveCheckpoint(false);
  }

  /** Keeps the first failure; stops requests in flight when they cannot be useful any more. */
  private fail(error: unknown, stopRequests: boolean): void {
    this.failure ??= { error };
    if (stopRequests && !this.controller.signal.aborted) this.controller.abort(error);
  }

  private saveCheckpoint(complete: boolean): void {
    const start = this.start;
    if (!start) return;
    this.answeredSinceSave = 0;
    this.savedAt = this.now();
    this.plan.checkpoint.save({
      ...start,
      groupsDone: this.window.durable,
      complete,
      callsAccepted: start.callsAccepted + this.stats.callsAccepted,
      callsRefused: start.callsRefused + this.stats.callsRefused,
      updatedAt: new Date(this.now()).toISOString(),
    });
  }

  private statusAtEnd(readToEnd: boolean): ImportStatus {
    if (this.plan.signal?.aborted) return 'aborted';
    if (this.failure) return 'failed';
    return readToEnd ? 'completed' : 'limit-reached';
  }

  private summary(status: ImportStatus): ImportSummary {
    const { plan } = this;
    return {
      status,
      ...(this.failure ? { error: this.failure.error } : {}),
      mapping: plan.mapping.name,
      file: plan.source.path,
      checkpointPath: plan.checkpoint.path,
      rejectsPath: plan.rejects.path,
      ...this.stats,
      skipped: Object.fromEntries(this.skipped),
      rejected: plan.rejects.byCode(),
      groupsDone: this.window.durable,
      durationMs: this.now() - this.startedAt,
    };
  }
}

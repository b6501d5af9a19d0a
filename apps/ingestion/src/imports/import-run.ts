import {
  decodedText,
  groupRows,
  gunzipped,
  jsonBytes,
  rowsOf,
  type ImportCall,
  type MalformedRow,
  type Mapping,
  type MissingGroupKeyError,
  type RowGroup,
  type SourceFormat,
  type SourceRow,
} from '@meridian/bulk-import';
import { GroupDigest } from './group-digest';
import { ImportTally, type ResumePoint } from './import-tally';

/** How much one batch of calls may hold before it is admitted; bounds the memory of a run. */
export interface BatchLimits {
  /** Calls per admission (ingestion takes at most 2,500 per batch). */
  readonly calls: number;
  /** JSON bytes of the calls of one admission. */
  readonly bytes: number;
  /** Groups per admission, so the durable point moves on when groups make no calls. */
  readonly groups: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  calls: 500,
  bytes: 4 * 1024 * 1024,
  groups: 2_000,
};

/** A CSV record or NDJSON line longer than this fails the import (an unclosed quote...). */
export const MAX_RECORD_CHARS = 1024 * 1024;

/** A call of an admitted batch that ingestion refused, by position in the batch. */
export interface CallRefusal {
  readonly index: number;
  readonly code: string;
  readonly message: string;
}

/** Puts a batch through ingestion; resolves once the accepted calls are durable. */
export type AdmitCalls = (calls: readonly ImportCall[]) => Promise<readonly CallRefusal[]>;

export interface ImportRunOptions {
  readonly mapping: Mapping;
  readonly format: SourceFormat;
  /**
   * The body's Content-Encoding. Whatever it is, a body (or decoded body) that starts with
   * gzip's magic bytes is gunzipped too: a .gz file may be sent as it is.
   */
  readonly contentEncoding: 'gzip' | 'identity';
  /** The durable point of the import this one resumes: rows up to it are not sent again. */
  readonly resumeFrom?: ResumePoint;
  readonly limits?: BatchLimits;
  readonly admit: AdmitCalls;
  /** Called after each batch is durable, with the tally (the service saves the progress). */
  readonly onDurable?: (tally: ImportTally) => Promise<void>;
}

/** A resumed upload is not the file the resumed import read (its first rows differ). */
export class ResumeMismatchError extends Error {
  constructor(lastDurableRow: number) {
    super(
      `the rows up to ${lastDurableRow} differ from those the resumed import read: ` +
        'upload the same file, or import it again without resumeFrom',
    );
    this.name = 'ResumeMismatchError';
  }
}

interface PendingBatch {
  readonly calls: ImportCall[];
  /** The first row of the group each call came from, by position. */
  readonly rows: number[];
  bytes: number;
  groups: number;
}

/**
 * One upload, streamed: body bytes → text (gunzipped) → rows → groups → mapping → batches
 * admitted through ingestion. At most one batch is being admitted while the next is read,
 * and reading waits for it, so the body is read no faster than calls become durable.
 *
 * The durable point is a row number R such that every row up to R is done: a batch is closed
 * just before the group that no longer fits, so R is that group's first row - 1 (groups come
 * in order of their first row; a reorder window only lets their rows interleave).
 */
export class ImportRun {
  readonly tally: ImportTally;
  private readonly limits: BatchLimits;
  private readonly digest = new GroupDigest();
  private pending: PendingBatch = emptyBatch();
  private inFlight: Promise<void> = Promise.resolve();
  private admissionFailure: { readonly error: unknown } | undefined;
  private resumeChecked: boolean;
  private lastRow = 0;

  constructor(private readonly options: ImportRunOptions) {
    this.limits = options.limits ?? DEFAULT_BATCH_LIMITS;
    this.tally = new ImportTally(options.resumeFrom);
    this.resumeChecked = options.resumeFrom === undefined;
  }

  /** Reads the body to its end; throws the first failure, the tally telling what got in. */
  async run(body: AsyncIterable<Uint8Array>): Promise<void> {
    try {
      for await (const group of this.groups(body)) await this.take(group);
      this.checkResume();
      await this.dispatch({ lastDurableRow: this.lastRow, durableDigest: this.digest.current() });
    } finally {
      // A batch in flight finishes (and moves the durable point) even when reading failed.
      await this.inFlight;
    }
    if (this.admissionFailure) throw this.admissionFailure.error;
  }

  private groups(body: AsyncIterable<Uint8Array>): AsyncGenerator<RowGroup> {
    const { mapping, format, contentEncoding } = this.options;
    const bytes = this.counted(body);
    const decoded = contentEncoding === 'gzip' ? gunzipped(bytes) : bytes;
    const rows = rowsOf(decodedText(decoded, 'auto'), format, {
      requiredColumns: mapping.requiredColumns,
      maxRecordChars: MAX_RECORD_CHARS,
      onMalformedRow: (row) => this.malformed(row),
    });
    return groupRows(this.numbered(rows), mapping.grouping, {
      onMissingKey: (error) => this.ungroupable(error),
    });
  }

  private async *counted(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of body) {
      this.tally.bytes(chunk.byteLength);
      yield chunk;
    }
  }

  private async *numbered(rows: AsyncIterable<SourceRow>): AsyncGenerator<SourceRow> {
    for await (const row of rows) {
      this.tally.rows(1);
      this.lastRow = Math.max(this.lastRow, row.number);
      yield row;
    }
  }

  private async take(group: RowGroup): Promise<void> {
    const first = group.rows[0]?.number ?? this.lastRow;
    if (this.alreadyDone(first)) {
      this.digest.add(group);
      this.tally.rowsAlreadyDone(group.rows.length);
      return;
    }
    this.checkResume();
    if (this.isFull()) {
      await this.dispatch({ lastDurableRow: first - 1, durableDigest: this.digest.current() });
    }
    this.digest.add(group);
    const outcome = this.options.mapping.toCalls(group);
    const batch = this.pending;
    batch.groups += 1;
    if (outcome.kind === 'skipped') this.tally.skippedGroup(outcome.reason);
    else if (outcome.kind === 'invalid') {
      this.tally.refused({ row: first, code: outcome.code, message: outcome.message });
    } else {
      for (const call of outcome.calls) {
        batch.calls.push(call);
        batch.rows.push(first);
        batch.bytes += jsonBytes(call);
      }
    }
  }

  /** Rows up to the resumed import's durable point were done by it. */
  private alreadyDone(row: number): boolean {
    return row <= (this.options.resumeFrom?.lastDurableRow ?? 0);
  }

  /** Once past the resumed import's durable point, the groups read so far must be its groups. */
  private checkResume(): void {
    const resumeFrom = this.options.resumeFrom;
    if (this.resumeChecked || resumeFrom === undefined) return;
    if (this.digest.current() !== resumeFrom.durableDigest) {
      throw new ResumeMismatchError(resumeFrom.lastDurableRow);
    }
    this.resumeChecked = true;
  }

  private isFull(): boolean {
    const { calls, bytes, groups } = this.pending;
    return (
      calls.length >= this.limits.calls ||
      bytes >= this.limits.bytes ||
      groups >= this.limits.groups
    );
  }

  /** Starts admitting the pending batch once the one before it is durable. */
  private async dispatch(point: ResumePoint): Promise<void> {
    await this.inFlight;
    if (this.admissionFailure) throw this.admissionFailure.error;
    const batch = this.pending;
    this.pending = emptyBatch();
    // Never rejects: a failure is kept and thrown by the next dispatch or by run().
    this.inFlight = this.admitBatch(batch, point).catch((error: unknown) => {
      this.admissionFailure ??= { error };
    });
  }

  private async admitBatch(batch: PendingBatch, point: ResumePoint): Promise<void> {
    const refusals = batch.calls.length > 0 ? await this.options.admit(batch.calls) : [];
    for (const { index, code, message } of refusals) {
      this.tally.refused({ row: batch.rows[index] ?? 0, code, message });
    }
    this.tally.accepted(batch.calls.length - refusals.length);
    this.tally.durableThrough(point);
    await this.options.onDurable?.(this.tally);
  }

  private malformed(row: MalformedRow): void {
    this.tally.rows(1);
    this.lastRow = Math.max(this.lastRow, row.number);
    if (this.alreadyDone(row.number)) this.tally.rowsAlreadyDone(1);
    else this.tally.refused({ row: row.number, code: 'MALFORMED_ROW', message: row.message });
  }

  private ungroupable(error: MissingGroupKeyError): void {
    if (this.alreadyDone(error.row)) this.tally.rowsAlreadyDone(1);
    else this.tally.refused({ row: error.row, code: 'MISSING_GROUP_KEY', message: error.message });
  }
}

function emptyBatch(): PendingBatch {
  return { calls: [], rows: [], bytes: 0, groups: 0 };
}

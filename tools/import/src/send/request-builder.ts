import type { ImportCall } from '@meridian/bulk-import';

/** Calls ready to POST, and how far into the file they complete the import. */
export interface PendingRequest {
  readonly calls: readonly ImportCall[];
  /** Every group up to this ordinal has all its calls in this request or an earlier one. */
  readonly groupsThrough: number;
}

/** Bytes of `{"batch":[],"sentAt":"2024-01-01T00:00:00.000Z"}` plus slack. */
const ENVELOPE_BYTES = 64;

/**
 * Packs calls into requests of at most `maxCalls` calls and `maxBytes` of JSON (ingestion
 * refuses larger bodies as a whole). A request is closed only when the next call does not fit,
 * so groups that produce no calls still count towards the request before them.
 */
export class RequestBuilder {
  private calls: ImportCall[] = [];
  private bytes = ENVELOPE_BYTES;
  private completedThrough: number;

  constructor(
    private readonly maxCalls: number,
    private readonly maxBytes: number,
    startAfter: number,
  ) {
    this.completedThrough = startAfter;
  }

  /** Whether a call of this many bytes can ever be sent. */
  fits(callBytes: number): boolean {
    return ENVELOPE_BYTES + callBytes <= this.maxBytes;
  }

  /** Adds a call; returns the request it closed when it did not fit in the open one. */
  add(call: ImportCall, callBytes: number): PendingRequest | undefined {
    const full =
      this.calls.length >= this.maxCalls ||
      (this.calls.length > 0 && this.bytes + callBytes + 1 > this.maxBytes);
    const closed = full ? this.take() : undefined;
    this.calls.push(call);
    this.bytes += callBytes + 1;
    return closed;
  }

  /** The group with this ordinal has all its calls added (or had none). */
  groupDone(ordinal: number): void {
    this.completedThrough = ordinal;
  }

  /** The open request, if it has calls: at the end of the file. */
  flush(): PendingRequest | undefined {
    return this.calls.length > 0 ? this.take() : undefined;
  }

  private take(): PendingRequest {
    const request = { calls: this.calls, groupsThrough: this.completedThrough };
    this.calls = [];
    this.bytes = ENVELOPE_BYTES;
    return request;
  }
}

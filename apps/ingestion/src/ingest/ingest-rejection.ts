/** Every reason ingestion refuses a call, as the `code` of the error body SDKs receive. */
export type RejectionCode =
  | 'INVALID_WRITE_KEY'
  | 'EVENT_TOO_LARGE'
  | 'INVALID_JSON'
  | 'UNSUPPORTED_ENCODING'
  | 'INVALID_ENCODING'
  | 'MESSAGE_ID_TOO_LONG'
  | 'MISSING_IDENTITY'
  | 'MISSING_EVENT'
  | 'INVALID_FIELD'
  | 'STREAM_UNAVAILABLE';

/** One validation problem as returned to the caller (a zod issue without its input). */
export interface RejectionIssue {
  readonly path: readonly PropertyKey[];
  readonly code: string;
  readonly message: string;
}

const STATUS: Readonly<Record<RejectionCode, number>> = {
  INVALID_WRITE_KEY: 401,
  EVENT_TOO_LARGE: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_ENCODING: 415,
  INVALID_ENCODING: 400,
  MESSAGE_ID_TOO_LONG: 400,
  MISSING_IDENTITY: 400,
  MISSING_EVENT: 400,
  INVALID_FIELD: 400,
  STREAM_UNAVAILABLE: 503,
};

/** Seconds an SDK should wait before retrying when the stream could not take the call. */
export const STREAM_RETRY_AFTER_SECONDS = 5;

/**
 * A refused call. Thrown anywhere on the ingest path and turned into the HTTP answer in
 * one place (IngestRejectionFilter), so every refusal has the same body shape.
 */
export class IngestRejection extends Error {
  readonly status: number;

  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly issues: readonly RejectionIssue[] = [],
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'IngestRejection';
    this.status = STATUS[code];
  }

  /** Headers the answer carries besides the JSON body. */
  get headers(): Readonly<Record<string, string>> {
    return this.code === 'STREAM_UNAVAILABLE'
      ? { 'Retry-After': String(STREAM_RETRY_AFTER_SECONDS) }
      : {};
  }

  get body(): {
    success: false;
    code: RejectionCode;
    message: string;
    issues?: readonly RejectionIssue[];
  } {
    return {
      success: false,
      code: this.code,
      message: this.message,
      ...(this.issues.length > 0 ? { issues: this.issues } : {}),
    };
  }
}

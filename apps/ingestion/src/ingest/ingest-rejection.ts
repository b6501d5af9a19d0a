/** Every reason ingestion refuses a request or one call of a batch, with its HTTP status. */
const STATUS = {
  INVALID_WRITE_KEY: 401,
  EVENT_TOO_LARGE: 400,
  BATCH_TOO_LARGE: 400,
  TOO_MANY_EVENTS: 400,
  INVALID_BATCH: 400,
  INVALID_CALL_TYPE: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_ENCODING: 415,
  INVALID_ENCODING: 400,
  MESSAGE_ID_TOO_LONG: 400,
  MISSING_IDENTITY: 400,
  MISSING_EVENT: 400,
  MISSING_PREVIOUS_ID: 400,
  MISSING_GROUP_ID: 400,
  INVALID_FIELD: 400,
  // Governance (@meridian/ingest-governance): hygiene and consent refusals.
  INVALID_PHONE: 400,
  INVALID_TIMESTAMP: 400,
  NON_FINITE_NUMBER: 400,
  NUL_CHARACTER: 400,
  TOO_DEEP: 400,
  NESTED_ARRAY: 400,
  UNSUPPORTED_VALUE: 400,
  CONSENT_REQUIRED: 400,
  INVALID_CONSENT: 400,
  RATE_LIMITED: 429,
  STREAM_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

/** The `code` of the error body SDKs receive (and of a refused entry of a batch answer). */
export type RejectionCode = keyof typeof STATUS;

/** One validation problem as returned to the caller (a zod issue without its input). */
export interface RejectionIssue {
  readonly path: readonly PropertyKey[];
  readonly code: string;
  readonly message: string;
}

/** Seconds an SDK should wait before retrying when the stream could not take the call. */
export const STREAM_RETRY_AFTER_SECONDS = 5;

export interface RejectionOptions {
  readonly cause?: unknown;
  /** Sent as Retry-After; STREAM_UNAVAILABLE defaults to STREAM_RETRY_AFTER_SECONDS. */
  readonly retryAfterSeconds?: number;
}

/**
 * A refused request or call. Thrown anywhere on the ingest path and turned into the HTTP
 * answer in one place (IngestRejectionFilter), so every refusal has the same body shape; in
 * a batch, a call's rejection becomes one entry of `refused` instead.
 */
export class IngestRejection extends Error {
  readonly status: number;
  private readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly issues: readonly RejectionIssue[] = [],
    options: RejectionOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'IngestRejection';
    this.status = STATUS[code];
    this.retryAfterSeconds =
      options.retryAfterSeconds ??
      (code === 'STREAM_UNAVAILABLE' ? STREAM_RETRY_AFTER_SECONDS : undefined);
  }

  /** Headers the answer carries besides the JSON body. */
  get headers(): Readonly<Record<string, string>> {
    return this.retryAfterSeconds === undefined
      ? {}
      : { 'Retry-After': String(this.retryAfterSeconds) };
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

export function statusOf(code: RejectionCode): number {
  return STATUS[code];
}

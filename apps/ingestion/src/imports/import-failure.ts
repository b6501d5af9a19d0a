import {
  CsvFormatError,
  GzipFormatError,
  MissingGroupKeyError,
  NdjsonFormatError,
  NonContiguousGroupError,
} from '@meridian/bulk-import';
import { AdminApiError } from '@meridian/admin-api';
import { IngestRejection } from '../ingest';
import { ResumeMismatchError } from './import-run';
import type { ImportJobView } from './imports.schemas';

/** Why an import stopped before the end of its file, as its job records it. */
export const FAILURE_STATUS = {
  /** The file cannot be read on (a header, an unclosed quote, broken gzip, unsorted groups). */
  invalid_file: 400,
  /** The client stopped sending (a dropped connection); resume with resumeFrom. */
  upload_interrupted: 400,
  /** resumeFrom named an import of another file. */
  resume_mismatch: 409,
  /** The source's rate limit stayed exhausted for minutes. */
  rate_limited: 429,
  /** The event stream did not take a batch; resume with resumeFrom. */
  stream_unavailable: 503,
  internal_error: 500,
} as const satisfies Record<string, number>;
export type FailureCode = keyof typeof FAILURE_STATUS;

export interface ImportFailure {
  readonly code: FailureCode;
  readonly message: string;
}

/** The request body failed while it was being read: the client went away. */
export class UploadInterruptedError extends Error {
  constructor(cause: unknown) {
    super(
      `the upload stopped before its end (${cause instanceof Error ? cause.message : String(cause)})`,
      { cause },
    );
    this.name = 'UploadInterruptedError';
  }
}

export function failureOf(error: unknown): ImportFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (
    error instanceof CsvFormatError ||
    error instanceof NdjsonFormatError ||
    error instanceof GzipFormatError ||
    error instanceof NonContiguousGroupError ||
    error instanceof MissingGroupKeyError
  ) {
    return { code: 'invalid_file', message };
  }
  if (error instanceof UploadInterruptedError) return { code: 'upload_interrupted', message };
  if (error instanceof ResumeMismatchError) return { code: 'resume_mismatch', message };
  if (error instanceof IngestRejection) {
    const code = error.code === 'RATE_LIMITED' ? 'rate_limited' : 'stream_unavailable';
    return { code, message: `${error.code}: ${message}` };
  }
  return { code: 'internal_error', message: 'the import failed; see the server log' };
}

export function failureStatusOf(code: string): number {
  return isFailureCode(code) ? FAILURE_STATUS[code] : 500;
}

function isFailureCode(code: string): code is FailureCode {
  return Object.hasOwn(FAILURE_STATUS, code);
}

/** An import that stopped early: the error, and the job as recorded (what got in, where to resume). */
export class ImportFailedError extends AdminApiError {
  constructor(
    failure: { readonly code: string; readonly message: string },
    readonly job: ImportJobView,
  ) {
    super(failureStatusOf(failure.code), failure.code, failure.message);
    this.name = 'ImportFailedError';
  }

  override body() {
    return { ...super.body(), import: this.job };
  }
}

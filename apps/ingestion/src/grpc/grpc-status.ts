import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import { IngestRejection, type RejectionCode } from '../ingest';

/** Metadata key carrying the refusal's reason code (MISSING_IDENTITY, RATE_LIMITED, …). */
export const REASON_CODE_METADATA = 'meridian-reason-code';

/** The gRPC status of a refusal; every code the HTTP API answers with 400/415 is INVALID_ARGUMENT. */
export function grpcStatusOf(code: RejectionCode): status {
  switch (code) {
    case 'INVALID_WRITE_KEY':
      return status.UNAUTHENTICATED;
    case 'RATE_LIMITED':
      return status.RESOURCE_EXHAUSTED;
    case 'STREAM_UNAVAILABLE':
      return status.UNAVAILABLE;
    default:
      return status.INVALID_ARGUMENT;
  }
}

/** A refusal as the status a gRPC call ends with; `details` starts with the reason code. */
export function rejectionStatus(rejection: IngestRejection): StatusObject {
  const metadata = new Metadata();
  metadata.set(REASON_CODE_METADATA, rejection.code);
  // Retry-After (rate limit, unavailable stream) travels as metadata of the same name.
  for (const [name, value] of Object.entries(rejection.headers)) {
    metadata.set(name.toLowerCase(), value);
  }
  return {
    code: grpcStatusOf(rejection.code),
    details: `${rejection.code}: ${rejection.message}`,
    metadata,
  };
}

/** Any failure of a call as its status: a refusal as above, anything else INTERNAL. */
export function errorStatus(error: unknown): StatusObject {
  if (error instanceof IngestRejection) return rejectionStatus(error);
  return { code: status.INTERNAL, details: 'internal error', metadata: new Metadata() };
}

import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import { ProfileApiError, type ProfileApiErrorCode } from '../profile-api';

/** Metadata key carrying the profile API's error code (not_found, forbidden, …). */
export const ERROR_CODE_METADATA = 'meridian-error-code';

const GRPC_STATUS: Readonly<Record<ProfileApiErrorCode, status>> = {
  invalid_request: status.INVALID_ARGUMENT,
  unauthenticated: status.UNAUTHENTICATED,
  forbidden: status.PERMISSION_DENIED,
  not_found: status.NOT_FOUND,
  conflict: status.FAILED_PRECONDITION,
};

export function grpcStatusOf(code: ProfileApiErrorCode): status {
  return GRPC_STATUS[code];
}

/**
 * Any failure of a call as the status it ends with: a refusal with its status, details
 * "<code>: <message>" and the code in meridian-error-code; anything else INTERNAL, without
 * its details (the caller logs them).
 */
export function errorStatus(error: unknown): StatusObject {
  const metadata = new Metadata();
  if (!(error instanceof ProfileApiError))
    return { code: status.INTERNAL, details: 'internal error', metadata };
  metadata.set(ERROR_CODE_METADATA, error.code);
  return { code: grpcStatusOf(error.code), details: `${error.code}: ${error.message}`, metadata };
}

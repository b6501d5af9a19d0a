import { ApiRefusal } from '@meridian/platform';

/** The codes the profile API answers with, each with its HTTP status. */
export const PROFILE_API_ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  /** The request names something the graph no longer allows (a profile merged away). */
  conflict: 409,
} as const;
export type ProfileApiErrorCode = keyof typeof PROFILE_API_ERROR_STATUS;

/**
 * A profile API request refused, whatever the transport: HTTP answers it as
 * `{ "error": { code, message } }` with the code's status (the admin API's shape), gRPC with
 * the matching status code.
 */
export class ProfileApiError extends ApiRefusal {
  constructor(
    readonly code: ProfileApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProfileApiError';
  }

  static invalid(message: string): ProfileApiError {
    return new ProfileApiError('invalid_request', message);
  }

  static unauthenticated(message: string): ProfileApiError {
    return new ProfileApiError('unauthenticated', message);
  }

  static forbidden(message: string): ProfileApiError {
    return new ProfileApiError('forbidden', message);
  }

  static notFound(message: string): ProfileApiError {
    return new ProfileApiError('not_found', message);
  }

  static conflict(message: string): ProfileApiError {
    return new ProfileApiError('conflict', message);
  }

  get status(): number {
    return PROFILE_API_ERROR_STATUS[this.code];
  }
}

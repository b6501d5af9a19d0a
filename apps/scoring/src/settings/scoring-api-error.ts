import { ApiRefusal } from '@meridian/platform';

/** The codes scoring's HTTP APIs answer with, each with its HTTP status. */
export const SCORING_API_ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
} as const;
export type ScoringApiErrorCode = keyof typeof SCORING_API_ERROR_STATUS;

/**
 * A request refused by scoring's HTTP APIs (settings, RFM). ApiRefusalFilter answers it as
 * `{ "error": { code, message } }` with the code's status, the shape of identity's and the
 * admin API's refusals.
 */
export class ScoringApiError extends ApiRefusal {
  constructor(
    readonly code: ScoringApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ScoringApiError';
  }

  static invalid(message: string): ScoringApiError {
    return new ScoringApiError('invalid_request', message);
  }

  static unauthenticated(message: string): ScoringApiError {
    return new ScoringApiError('unauthenticated', message);
  }

  static forbidden(message: string): ScoringApiError {
    return new ScoringApiError('forbidden', message);
  }

  static notFound(message: string): ScoringApiError {
    return new ScoringApiError('not_found', message);
  }

  get status(): number {
    return SCORING_API_ERROR_STATUS[this.code];
  }
}

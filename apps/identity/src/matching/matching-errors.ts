import { ApiRefusal } from '@meridian/platform';

/** What matching refuses, each with the HTTP status the matching API answers it with. */
export const MATCHING_ERROR_STATUS = {
  /** No model, or no review of that id, in the workspace. */
  not_found: 404,
  /** Too few profiles with PII, or no candidate pairs among them, to fit a model. */
  not_enough_data: 409,
  /** EM's model would merge strangers; the previous model stays. */
  implausible_model: 409,
  /** The review was accepted or rejected already. */
  already_decided: 409,
  /** A profile of the review no longer exists (erased): it can only be rejected. */
  profile_gone: 409,
} as const;
export type MatchingErrorCode = keyof typeof MATCHING_ERROR_STATUS;

/** A matching request refused for the state it found (no model, a decided review, …). */
export class MatchingError extends ApiRefusal {
  constructor(
    readonly code: MatchingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MatchingError';
  }

  get status(): number {
    return MATCHING_ERROR_STATUS[this.code];
  }
}

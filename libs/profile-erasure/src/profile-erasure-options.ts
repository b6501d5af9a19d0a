export interface ProfileErasureOptions {
  /** The service as named in its deletion confirmations ("scoring"). */
  readonly serviceName: string;
  /** The service's own collection of erased profiles ("scoring_erased_profiles"). */
  readonly collection: string;
}

export const PROFILE_ERASURE_OPTIONS = Symbol('meridian.profile-erasure.options');

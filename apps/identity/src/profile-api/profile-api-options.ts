import type { ProfileCacheSettings } from './profile-read-cache';
import type { TraitName } from './trait-search';

/** Options of the profile API, given by the app from its config. */
export interface ProfileApiOptions {
  /** This service's name, as its data-subject deletion confirmations carry it. */
  readonly serviceName: string;
  readonly cache: ProfileCacheSettings;
  /** The traits GET /v1/profiles/search may search by; each has its own index. */
  readonly searchableTraits: readonly TraitName[];
}

export const PROFILE_API_OPTIONS = Symbol('identity.profile-api-options');

export {
  ProfileApiAccess,
  resolveWorkspace,
  WORKSPACE_HEADER,
  type AccessNeed,
  type ProfileApiCredentials,
} from './profile-api-access';
export { ProfileApiError, type ProfileApiErrorCode } from './profile-api-error';
export { PROFILE_API_OPTIONS, type ProfileApiOptions } from './profile-api-options';
export {
  LookupQuery,
  MessagesQuery,
  PAGE_SIZES,
  parseQuery,
  ProfileId,
  SearchQuery,
  TimelineQuery,
} from './profile-api-queries';
export { ProfileApiModule } from './profile-api.module';
export { ProfileApiService } from './profile-api.service';
export type { Page } from './pages';
export type { ProfileCacheSettings } from './profile-read-cache';
export type { ProfileSummary } from './profile-summary';
export { TraitNameList, type TraitName } from './trait-search';

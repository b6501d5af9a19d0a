export { applyCall, assertStorableCall, hasApplied, type AppliedChange } from './apply-call';
export { prependBounded } from './bounded';
export {
  InvalidTraitsError,
  ProfileNotFoundError,
  StaleProfileError,
  UnprocessableEventError,
} from './errors';
export { IdentifierRepository } from './identifier.repository';
export {
  IDENTIFIER_TYPES,
  identifierKey,
  identifiersOfCall,
  normalizeIdentifier,
  profileIdFor,
  type IdentifierType,
} from './identifiers';
export {
  changeToRepublish,
  derivedEventId,
  profileUpdatedEvent,
  resolutionEvents,
} from './outgoing-events';
export { profileCollections } from './profile.collections';
export {
  emptyProfile,
  PROFILE_LIMITS,
  toGoldenRecord,
  toUtc,
  type ChannelEngagement,
  type ComputedTraits,
  type GoldenRecord,
  type LastChange,
  type MessageHistoryEntry,
  type Profile,
  type ProfileChange,
  type TimelineEntry,
} from './profile.model';
export { ProfileRepository } from './profile.repository';
export { resolveIdentity, type IdentifierClaim, type Resolution } from './resolve-identity';
export { failPermanentlyWhenUnprocessable } from './permanent-errors';
export { PROFILE_API_OPTIONS, WORKSPACE_HEADER, type ProfileApiOptions } from './profile-api';
export { ProfileStoreModule } from './profile-store.module';
export { ProfilesModule } from './profiles.module';

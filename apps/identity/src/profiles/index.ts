export { applyCall, assertStorableCall, hasApplied, type AppliedChange } from './apply-call';
export { prependBounded } from './bounded';
export {
  combineCommerce,
  roundAmount,
  CommerceTraits,
  COUNTED_ORDER_KEYS_LIMIT,
  LastOrder,
  NO_COMMERCE,
  ORDER_COMPLETED,
  ORDER_REFUNDED,
} from './commerce-traits';
export {
  ConsentState,
  consentKey,
  newestPerKey,
  sameConsent,
  sameSubscription,
  SubscriptionState,
  subscriptionKey,
} from './consent-state';
export {
  combineEngagement,
  countEngagement,
  ENGAGEMENT_COUNTERS,
  noEngagement,
} from './engagement';
export {
  InvalidTraitsError,
  ProfileNotFoundError,
  StaleProfileError,
  UnprocessableEventError,
} from './errors';
export { IdentifierRepository, type IdentifierClaim } from './identifier.repository';
export { containsIdentifier } from './identifiers';
export {
  EXTERNAL_IDENTIFIER_TYPE,
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
  envelopeCausedBy,
  type Cause,
  profileUpdatedEvent,
  resolutionEvents,
} from './outgoing-events';
export { profileCollections, profilesCollection } from './profile.collections';
export {
  emptyProfile,
  Profile,
  PROFILE_LIMITS,
  toGoldenRecord,
  toUtc,
  ChannelEngagement,
  type ComputedTraits,
  type EventCount,
  type GoldenRecord,
  type LastChange,
  type MergeRecord,
  type TraitBefore,
  type MessageHistoryEntry,
  type ProfileChange,
  type TimelineEntry,
} from './profile.model';
export { ProfileRepository } from './profile.repository';
export { MAX_ROUTING_HOPS, passedOnEnvelope, writerPartition } from './pass-on';
export {
  isPiiTrait,
  openProfile,
  PiiModule,
  PII_TRAITS,
  ProfilePii,
  sealProfile,
  type ProfileDocument,
} from './pii';
export { hasPersonData, matchKeysOf, personRecordOf, preparedPersonOf } from './person-traits';
export { ProbableMatches } from './probable-matches';
export { ScoreEntry, SegmentMembership, StoredRfm, type GoldenScores } from './profile-scores';
export {
  DEFAULT_IDENTITY_POLICY,
  IdentityPolicies,
  IdentitySettings,
  policyOf,
  type IdentityPolicy,
} from './identity-policy';
export { candidateOf, LiveProfiles } from './live-profiles';
export {
  DEFAULT_IDENTIFIER_LIMITS,
  planMerge,
  survivorOrder,
  withinLimits,
  type CandidateProfile,
  type IdentifierLimits,
  type MergePlan,
} from './merge-plan';
export {
  DEFAULT_SURVIVORSHIP,
  SurvivorshipRule,
  survivingTraits,
  TraitLineage,
  type SurvivorshipRules,
} from './survivorship';
export { failPermanentlyWhenUnprocessable } from './permanent-errors';
export { ProfileStoreModule } from './profile-store.module';
export { IdentitySettingsService, POLICY_CACHE_MS } from './identity-settings.service';
export { ProfilesModule } from './profiles.module';

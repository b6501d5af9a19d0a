export { PROTO_DIR } from './proto-dir';
export { derivedEventId } from './derived-event-id';
export { defineEvent, EnvelopeHeader, IsoDateTime, Partition } from './envelope';
export { partitionKeyOf, partitionOf } from './partition';
export { EXTERNAL_ID_PREFIX, identifiersNamedBy } from './segment/call-identifiers';
export {
  CHANNELS,
  consumers,
  keyValueBuckets,
  MESSAGE_STATUSES,
  Namespace,
  quarantineFilters,
  streams,
  subjects,
  subjectToken,
  type BucketKey,
  type ConsumerDefinition,
  type KeyValueBucketDefinition,
  type ConsumerKey,
  type MessageStatus,
  type StreamDefinition,
  type StreamKey,
} from './registry';
export { JsonObject, SegmentCallBase } from './segment/common';
export { SegmentAlias } from './segment/alias';
export { SegmentCall } from './segment/call';
export { SegmentGroup } from './segment/group';
export { SegmentIdentify } from './segment/identify';
export { SegmentPage } from './segment/page';
export { SegmentScreen } from './segment/screen';
export { SegmentTrack } from './segment/track';
export { CallAcceptedV1 } from './events/call-accepted.v1';
export { CallAcceptedMessage, callsOfMessage } from './events/call-accepted-message';
export { CallRoutedV1 } from './events/call-routed.v1';
export { MessageRoutedV1 } from './events/message-routed.v1';
export { AcceptedCallEntry, acceptedCallsOf, CallAcceptedV2 } from './events/call-accepted.v2';
export {
  CallQuarantinedV1,
  QuarantinedCallType,
  QuarantineKind,
  QuarantineViolation,
} from './events/call-quarantined.v1';
export { DataSubjectDeletionConfirmedV1 } from './events/data-subject-deletion-confirmed.v1';
export {
  DataSubjectDeletionRequestedV1,
  DeletionRequestType,
} from './events/data-subject-deletion-requested.v1';
export { DecisionMadeV1 } from './events/decision-made.v1';
export { EventsResolvedV1 } from './events/events-resolved.v1';
export { IdentifierRemovalRequestedV1 } from './events/identifier-removal-requested.v1';
export { IdentityMergedV1 } from './events/identity-merged.v1';
export { MessageClickedV1 } from './events/message-clicked.v1';
export { MessageDeliveredV1 } from './events/message-delivered.v1';
export { MessageFailedV1 } from './events/message-failed.v1';
export { MessageOpenedV1 } from './events/message-opened.v1';
export { Channel, MessageRef } from './events/message-ref';
export { MessageRequestedV1 } from './events/message-requested.v1';
export { MessageSentV1 } from './events/message-sent.v1';
export { MessageSkippedV1 } from './events/message-skipped.v1';
export { ProfileAbsorbRequestedV1 } from './events/profile-absorb-requested.v1';
export { ProfileErasedV1 } from './events/profile-erased.v1';
export { ProfileErasureRequestedV1 } from './events/profile-erasure-requested.v1';
export { ProfileMergeRequestedV1 } from './events/profile-merge-requested.v1';
export { ProfileResealRequestedV1 } from './events/profile-reseal-requested.v1';
export { ProfileRestoreRequestedV1 } from './events/profile-restore-requested.v1';
export { ProfileScore, ProfileScoresUpdatedV1 } from './events/profile-scores-updated.v1';
export { ProfileScoresUpdatedV2 } from './events/profile-scores-updated.v2';
export { RfmScore, sameRfmScore } from './events/rfm-score';
export { ScoreUpdatedV1 } from './events/score-updated.v1';
export { SegmentEnteredV1 } from './events/segment-entered.v1';
export { SegmentExitedV1 } from './events/segment-exited.v1';
export { Identifier, ProfileSnapshot } from './events/profile-snapshot';
export { ProfileUnmergeRequestedV1 } from './events/profile-unmerge-requested.v1';
export { ProfileUpdatedV1 } from './events/profile-updated.v1';
export { ServiceName } from './events/service-name';
export { MESSAGE_LIFECYCLE_SCHEMAS, type MessageLifecycleEvent } from './events/message-lifecycle';

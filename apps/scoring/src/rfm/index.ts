export { RfmModule } from './rfm.module';
export { RFM_OPTIONS, type RfmOptions } from './rfm-options';
export { RfmService, type RfmOutcome, type RfmProfileView } from './rfm.service';
export { NothingToSweepError, RfmSweepService } from './rfm-sweep.service';
export { RfmErasure } from './rfm-erasure.service';
export {
  advancedCursor,
  sweepProgressOf,
  type PartitionSweepProgress,
  type SweepProgress,
} from './sweep-progress';
export { PartitionLock } from './partition-lock';
export {
  ORDER_COMPLETED,
  ORDER_REFUNDED,
  readOrderEvent,
  type OrderEventInput,
  type OrderReading,
} from './order-events';
export {
  readEngagementEvent,
  type EngagementInput,
  type EngagementReading,
  type MessageLifecycleEvent,
} from './engagement-events';
export {
  EMPTY_RFM,
  evaluateRfm,
  hasChanges,
  segmentKindOf,
  type RfmEvaluation,
  type WrittenRfm,
} from './rfm-evaluation';
export {
  causeOfEvent,
  derivedHeader,
  rfmChangeMessages,
  segmentSlug,
  sweepCause,
  type RfmCause,
  type RfmChange,
} from './rfm-messages';
export {
  ENGAGED_MESSAGES_LIMIT,
  RFM_APPLIED_EVENT_IDS_LIMIT,
  RfmProfileDocument,
  rfmProfileId,
} from './rfm-profile';
export { RfmPartitionDocument, rfmPartitionId, SweepCursor } from './rfm-partition';
export { rfmCollections, rfmPartitionsCollection, rfmProfilesCollection } from './rfm.collections';
export { RfmProfileRepository, RfmRevisionConflictError } from './rfm-profile.repository';

export { connectJetStreamAdmin, type JetStreamAdmin } from './admin';
export { MaxDeliveriesAdvisory } from './advisory';
export {
  subscribeBroadcast,
  type BroadcastListener,
  type BroadcastMessage,
  type BroadcastSubscription,
} from './broadcast-subscription';
export { NatsClient, type NatsClientOptions } from './connection';
export {
  JetStreamContext,
  type FailedPart,
  type JetStreamMessageInfo,
  type PartDeadLetterer,
} from './context';
export { DeadLetterHeaders, deadLetterMessageId } from './dead-letter';
export { KeyValueDedupeStore, type DedupeStoreSettings, type KeyValueSource } from './dedupe-store';
export { JetStreamStartupError, PermanentError, PublishError } from './errors';
export {
  JETSTREAM_TRANSPORT,
  JetStreamHandler,
  type EventSchema,
  type JetStreamHandlerMethod,
} from './handler.decorator';
export { NatsHealthIndicator, type HealthIndicator } from './health';
export { JetStreamModule } from './module';
export { ADVISORY_CONSUMER, advisoryStreamName, advisorySubjects } from './names';
export {
  DEFAULT_RETRY_BACKOFF,
  JETSTREAM_OPTIONS,
  type JetStreamModuleOptions,
  type ResolvedJetStreamOptions,
  type RetryBackoff,
} from './options';
export { decideOutcome, retryDelayMs, type DeadLetterReason, type Outcome } from './outcome';
export { decodePattern, encodePattern, type HandlerKey } from './pattern';
export {
  deleteNamespace,
  provisionNamespace,
  type ProvisionAction,
  type ProvisionChange,
  type ProvisionOptions,
  type ProvisionReport,
} from './provisioning';
export {
  JetStreamPublisher,
  type Envelope,
  type OutgoingMessage,
  type PublishReceipt,
} from './publisher';
export {
  measureRawPublishRate,
  type RawPublishMessage,
  type RawPublishOptions,
  type RawPublishResult,
} from './raw-publish-baseline';
export { JetStreamServer } from './server';
export { readStoredMessages, type StoredMessage } from './stored-messages';
export { readNewestFirst, readStreamMessage, type NewestFirstQuery } from './stream-pages';
export { PartitionLanes } from './partition-lanes';

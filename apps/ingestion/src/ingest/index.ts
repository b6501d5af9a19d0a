export { MAX_BATCH_EVENTS, type RefusedCall } from './batch-request';
export type { BatchAnswer, RefusedEntry } from './batch.controller';
export { callAcceptedEvent, callEventId } from './call-accepted-event';
export { CallDedupe } from './call-dedupe';
export { CallPublisher } from './call-publisher';
export { INGEST_CALL_TYPES, isIngestCallType, type IngestCallType } from './call-normalisers';
export { IngestMetrics } from './ingest.metrics';
export { IngestModule } from './ingest.module';
export { IngestRejection, type RejectionCode } from './ingest-rejection';
export {
  IngestService,
  type BatchOutcome,
  type IngestRequest,
  type OwnerCallOutcome,
} from './ingest.service';
export { MAX_MESSAGE_ID_LENGTH } from './normalise-call';
export type { QuarantineEntry } from './quarantine-entry';
export type { IngestSettings } from './ingest.settings';
export { MAX_BATCH_BYTES, MAX_EVENT_BYTES } from './request-body';
export { SEGMENT_API_CORS, segmentApiCors } from './segment-cors';

export { CallPublisher } from './call-publisher';
export { callAcceptedEvent, callEventId } from './call-accepted-event';
export { IngestModule } from './ingest.module';
export { IngestRejection, type RejectionCode } from './ingest-rejection';
export { IngestService, type IncomingCall } from './ingest.service';
export type { IngestSettings } from './ingest.settings';

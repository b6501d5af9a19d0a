export { IngestGrpcModule } from './grpc.module';
export { IngestGrpcServer, type GrpcSettings } from './ingest-grpc.server';
export {
  INGEST_SERVICE,
  ingestMethod,
  ingestServiceDefinition,
  loadIngestProto,
  type IngestMethod,
} from './ingest-proto';
export { REASON_CODE_METADATA } from './grpc-status';
export type { BatchReply, IngestReply } from './ingest-grpc.handlers';

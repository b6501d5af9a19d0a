import { Module, type DynamicModule } from '@nestjs/common';
import { GRPC_SETTINGS, IngestGrpcServer, type GrpcSettings } from './ingest-grpc.server';

/**
 * The gRPC face of ingestion, over the same IngestService as HTTP; connect the server with
 * `app.connectMicroservice({ strategy: app.get(IngestGrpcServer) })` (see createIngestionApp).
 */
@Module({})
export class IngestGrpcModule {
  /** `ingest` is the app's IngestModule instance, whose IngestService the server calls. */
  static register(settings: GrpcSettings, ingest: DynamicModule): DynamicModule {
    return {
      module: IngestGrpcModule,
      imports: [ingest],
      providers: [{ provide: GRPC_SETTINGS, useValue: settings }, IngestGrpcServer],
      exports: [IngestGrpcServer],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@meridian/platform';
import {
  grpcSettingsOf,
  INGESTION_SERVICE_NAME,
  ingestSettingsOf,
  type IngestionConfig,
} from './config';
import { IngestGrpcModule } from './grpc';
import { IngestModule } from './ingest';

@Module({})
export class AppModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    // One instance of the ingest feature, shared by the HTTP controllers and the gRPC server.
    const ingest = IngestModule.register(ingestSettingsOf(config));
    return {
      module: AppModule,
      imports: [
        // Ingestion only publishes: it owns no partition and consumes nothing.
        PlatformModule.forService({ serviceName: INGESTION_SERVICE_NAME, config }),
        ingest,
        IngestGrpcModule.register(grpcSettingsOf(config), ingest),
      ],
    };
  }
}

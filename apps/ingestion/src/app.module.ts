import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@meridian/platform';
import { INGESTION_SERVICE_NAME, ingestSettingsOf, type IngestionConfig } from './config';
import { IngestModule } from './ingest';

@Module({})
export class AppModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Ingestion only publishes: it owns no partition and consumes nothing.
        PlatformModule.forService({ serviceName: INGESTION_SERVICE_NAME, config }),
        IngestModule.register(ingestSettingsOf(config)),
      ],
    };
  }
}

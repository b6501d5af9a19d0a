import { Module, type DynamicModule } from '@nestjs/common';
import { JetStreamModule, NatsHealthIndicator } from '@meridian/messaging';
import { ObservabilityModule } from '@meridian/observability';
import { MongoHealthIndicator, PersistenceModule } from '@meridian/persistence';
import { INGESTION_SERVICE_NAME, type IngestionConfig } from './config';
import { IngestModule } from './ingest';

@Module({})
export class AppModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({
          mongoUrl: config.MONGO_URL,
          database: config.MONGO_DB,
          appName: INGESTION_SERVICE_NAME,
        }),
        JetStreamModule.forRoot({
          natsUrl: config.NATS_URL,
          namespace: config.MERIDIAN_NAMESPACE,
          partitions: config.MERIDIAN_PARTITIONS,
          // Ingestion only publishes: it owns no partition and consumes nothing.
          ownedPartitions: [],
          serviceName: INGESTION_SERVICE_NAME,
        }),
        ObservabilityModule.forRoot({
          serviceName: INGESTION_SERVICE_NAME,
          healthIndicators: [NatsHealthIndicator, MongoHealthIndicator],
        }),
        IngestModule.register({ partitions: config.MERIDIAN_PARTITIONS }),
      ],
    };
  }
}

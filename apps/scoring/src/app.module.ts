import { Module, type DynamicModule } from '@nestjs/common';
import { JetStreamModule, NatsHealthIndicator } from '@meridian/messaging';
import { ObservabilityModule } from '@meridian/observability';
import { MongoHealthIndicator, PersistenceModule } from '@meridian/persistence';
import { SCORING_SERVICE_NAME, type ScoringConfig } from './config';
import { FeaturesModule } from './features';

@Module({})
export class AppModule {
  static forRoot(config: ScoringConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({
          mongoUrl: config.MONGO_URL,
          database: config.MONGO_DB,
          appName: SCORING_SERVICE_NAME,
        }),
        JetStreamModule.forRoot({
          natsUrl: config.NATS_URL,
          namespace: config.MERIDIAN_NAMESPACE,
          partitions: config.MERIDIAN_PARTITIONS,
          ownedPartitions: config.OWNED_PARTITIONS,
          serviceName: SCORING_SERVICE_NAME,
        }),
        ObservabilityModule.forRoot({
          serviceName: SCORING_SERVICE_NAME,
          healthIndicators: [NatsHealthIndicator, MongoHealthIndicator],
        }),
        FeaturesModule,
      ],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@meridian/platform';
import { SCORING_SERVICE_NAME, type ScoringConfig } from './config';
import { FeaturesModule } from './features';

@Module({})
export class AppModule {
  static forRoot(config: ScoringConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          serviceName: SCORING_SERVICE_NAME,
          config,
          ownedPartitions: config.OWNED_PARTITIONS,
        }),
        FeaturesModule,
      ],
    };
  }
}

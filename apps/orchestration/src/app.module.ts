import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@meridian/platform';
import type { OrchestrationConfig } from './config';
import { DecisionsModule } from './decisions';
import { ErasureModule } from './erasure';
import { JourneysApiModule } from './http';
import { JourneysModule } from './journeys';

export const ORCHESTRATION_SERVICE_NAME = 'orchestration';

/** Wiring only: the platform from the config, then the orchestration features. */
@Module({})
export class AppModule {
  static forRoot(config: OrchestrationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          serviceName: ORCHESTRATION_SERVICE_NAME,
          config,
          ownedPartitions: config.OWNED_PARTITIONS,
        }),
        JourneysModule.forRoot({ journeysFile: config.JOURNEYS_FILE }),
        DecisionsModule,
        JourneysApiModule,
        ErasureModule.register({ serviceName: ORCHESTRATION_SERVICE_NAME }),
      ],
    };
  }
}

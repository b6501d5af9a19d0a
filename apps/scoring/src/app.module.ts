import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@meridian/platform';
import { SCORING_SERVICE_NAME, type ScoringConfig } from './config';
import { ConsumersModule } from './consumers';
import { ErasureModule } from './erasure';
import { ModelsModule, modelsOptionsOf } from './models';
import { RfmModule } from './rfm';
import { SettingsModule } from './settings';

@Module({})
export class AppModule {
  static forRoot(config: ScoringConfig): DynamicModule {
    // The one place scoring reads the wall clock; everything else is given it.
    const wallClock = () => Date.now();
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          serviceName: SCORING_SERVICE_NAME,
          config,
          ownedPartitions: config.OWNED_PARTITIONS,
        }),
        SettingsModule.forRoot({
          defaultClock: config.RFM_DEFAULT_CLOCK,
          cacheMs: config.SCORING_SETTINGS_CACHE_MS,
          wallClock,
        }),
        RfmModule.forRoot({
          partitions: config.MERIDIAN_PARTITIONS,
          ownedPartitions: config.OWNED_PARTITIONS,
          populationCacheMs: config.RFM_POPULATION_CACHE_MS,
          sweepIntervalMs: config.RFM_SWEEP_INTERVAL_MS,
          sweepPageSize: config.RFM_SWEEP_PAGE_SIZE,
          wallClock,
        }),
        ModelsModule.forRoot(modelsOptionsOf(config, wallClock)),
        ErasureModule.forRoot({ serviceName: SCORING_SERVICE_NAME }),
        ConsumersModule,
      ],
    };
  }
}

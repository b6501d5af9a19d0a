import { Module, type DynamicModule } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { PartitionLock } from './partition-lock';
import { rfmCollections } from './rfm.collections';
import { RfmController } from './rfm.controller';
import { RfmErasure } from './rfm-erasure.service';
import { RFM_OPTIONS, type RfmOptions } from './rfm-options';
import { RfmPartitionRepository } from './rfm-partition.repository';
import { RfmPopulationService } from './rfm-population.service';
import { RfmProfileRepository } from './rfm-profile.repository';
import { RfmService } from './rfm.service';
import { RfmSweepService } from './rfm-sweep.service';

/**
 * RFM 2.0: RfmService for the event handlers, the recency sweep (RfmSweepService), and the HTTP
 * API. Global, so the scoring event handlers (ConsumersModule) inject RfmService; it needs
 * SettingsModule.forRoot (settings and API access) and ErasureModule (the ledger of erased
 * profiles) in the app.
 */
@Module({})
export class RfmModule {
  static forRoot(options: RfmOptions): DynamicModule {
    return {
      module: RfmModule,
      global: true,
      imports: [PersistenceModule.forFeature({ collections: rfmCollections })],
      controllers: [RfmController],
      providers: [
        { provide: RFM_OPTIONS, useValue: options },
        { provide: PartitionLock, useFactory: () => new PartitionLock() },
        RfmProfileRepository,
        RfmPartitionRepository,
        RfmPopulationService,
        RfmService,
        RfmSweepService,
        RfmErasure,
      ],
      exports: [RfmService, RfmSweepService, RfmErasure, PartitionLock],
    };
  }
}

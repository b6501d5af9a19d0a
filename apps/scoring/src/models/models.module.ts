import { Module, type DynamicModule } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { ModelProfilesRepository } from './model-profiles.repository';
import { ModelStore } from './model-store';
import { ModelVersionsRepository } from './model-versions.repository';
import { modelsCollections } from './models.collections';
import { ModelsController } from './models.controller';
import { ModelsMaintenance } from './models-maintenance.service';
import { MODELS_OPTIONS, type ModelsOptions } from './models-options';
import { ModelsErasure } from './models-erasure.service';
import { ModelsService } from './models.service';
import { NbaService } from './nba.service';
import { ProfileModelsService } from './profile-models.service';

/**
 * The self-training models (propensity, next best action, send time, best channel) with their
 * registry API. Global, so the scoring event handlers (FeaturesModule) inject ModelsService;
 * it needs RfmModule (PartitionLock), SettingsModule (settings, API access) and ErasureModule
 * (the ledger of erased profiles) in the app.
 */
@Module({})
export class ModelsModule {
  static forRoot(options: ModelsOptions): DynamicModule {
    return {
      module: ModelsModule,
      global: true,
      imports: [PersistenceModule.forFeature({ collections: modelsCollections })],
      controllers: [ModelsController],
      providers: [
        { provide: MODELS_OPTIONS, useValue: options },
        ModelVersionsRepository,
        ModelProfilesRepository,
        ModelStore,
        ModelsService,
        NbaService,
        ProfileModelsService,
        ModelsMaintenance,
        ModelsErasure,
      ],
      exports: [
        ModelsService,
        NbaService,
        ProfileModelsService,
        ModelsMaintenance,
        ModelStore,
        ModelsErasure,
      ],
    };
  }
}

import type { DynamicModule } from '@nestjs/common';
import {
  PERSISTENCE_DB,
  PersistenceModule,
  type CollectionDefinition,
  type Database,
} from '@meridian/persistence';
import { sourceSettingsCollection } from './source-settings/source-settings.collection';
import { SourceSettingsRepository } from './source-settings/source-settings.repository';
import {
  SourceSettingsError,
  SourceSettingsService,
  type TrackingPlanValidator,
} from './source-settings/source-settings.service';
import { WriteKeyRepository } from './write-keys/write-key.repository';
import { WriteKeyService } from './write-keys/write-key.service';
import { writeKeysCollection } from './write-keys/write-keys.collection';

/** Every collection this lib owns, for ensureCollections outside Nest (tools, tests). */
export const workspacesCollections: readonly CollectionDefinition[] = [
  writeKeysCollection,
  sourceSettingsCollection,
];

export interface WorkspacesModuleOptions {
  /**
   * Compiles tracking plans put through SourceSettingsService (ingestion passes
   * compileTrackingPlan). Without it, settings with a tracking plan are refused.
   */
  readonly validateTrackingPlan?: TrackingPlanValidator;
}

const refuseTrackingPlans: TrackingPlanValidator = () => {
  throw new SourceSettingsError('no tracking-plan compiler is configured in this process');
};

/**
 * Write-key authentication and seeding, per-source settings: `imports: [WorkspacesModule.register()]`. Needs
 * PersistenceModule.forRoot in the app; creates its collections at start-up. Providers are
 * built by factories, without decorators, so scripts can load this lib without decorator
 * support (as the messaging lib does).
 */
export class WorkspacesModule {
  static register(options: WorkspacesModuleOptions = {}): DynamicModule {
    return {
      module: WorkspacesModule,
      imports: [PersistenceModule.forFeature({ collections: workspacesCollections })],
      providers: [
        {
          provide: WriteKeyRepository,
          useFactory: (db: Database) => new WriteKeyRepository(db),
          inject: [PERSISTENCE_DB],
        },
        {
          provide: WriteKeyService,
          useFactory: (repository: WriteKeyRepository) => new WriteKeyService(repository),
          inject: [WriteKeyRepository],
        },
        {
          provide: SourceSettingsRepository,
          useFactory: (db: Database) => new SourceSettingsRepository(db),
          inject: [PERSISTENCE_DB],
        },
        {
          provide: SourceSettingsService,
          useFactory: (repository: SourceSettingsRepository) =>
            new SourceSettingsService(
              repository,
              options.validateTrackingPlan ?? refuseTrackingPlans,
            ),
          inject: [SourceSettingsRepository],
        },
      ],
      exports: [WriteKeyService, SourceSettingsService],
    };
  }
}

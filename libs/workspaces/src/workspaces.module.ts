import type { DynamicModule } from '@nestjs/common';
import {
  PERSISTENCE_DB,
  PersistenceModule,
  type CollectionDefinition,
  type Database,
} from '@meridian/persistence';
import { WriteKeyRepository } from './write-keys/write-key.repository';
import { WriteKeyService } from './write-keys/write-key.service';
import { writeKeysCollection } from './write-keys/write-keys.collection';

/** Every collection this lib owns, for ensureCollections outside Nest (tools, tests). */
export const workspacesCollections: readonly CollectionDefinition[] = [writeKeysCollection];

/**
 * Write-key authentication and seeding: `imports: [WorkspacesModule.register()]`. Needs
 * PersistenceModule.forRoot in the app; creates its collections at start-up. Providers are
 * built by factories, without decorators, so scripts can load this lib without decorator
 * support (as the messaging lib does).
 */
export class WorkspacesModule {
  static register(): DynamicModule {
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
      ],
      exports: [WriteKeyService],
    };
  }
}

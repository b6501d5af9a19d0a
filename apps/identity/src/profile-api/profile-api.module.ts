import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { WorkspacesModule } from '@meridian/workspaces';
import { profilesCollection, ProfileStoreModule } from '../profiles';
import { IdentitySettingsController } from './identity-settings.controller';
import { ProfileApiAccess } from './profile-api-access';
import { ProfileCorrectionsController } from './profile-corrections.controller';
import { ApiRefusalFilter } from '@meridian/platform';
import { ProfileApiGuard } from './profile-api.guard';
import { PROFILE_API_OPTIONS, type ProfileApiOptions } from './profile-api-options';
import { ProfileApiService } from './profile-api.service';
import { ProfileCacheInvalidator } from './profile-cache-invalidator';
import { ProfileReadCache } from './profile-read-cache';
import { ProfilesController } from './profiles.controller';
import { traitSearchIndexes } from './trait-search';

/**
 * The profile API: reads of golden records for admin keys (HTTP here; the gRPC server uses
 * the exported ProfileApiService and ProfileApiAccess), an in-process cache of hot profiles
 * kept true by the bus, and the indexes of the searchable traits.
 */
@Module({})
export class ProfileApiModule {
  static register(options: ProfileApiOptions): DynamicModule {
    return {
      module: ProfileApiModule,
      imports: [
        ProfileStoreModule,
        // Admin keys authenticate API callers; WorkspacesModule provides AdminKeyService.
        WorkspacesModule.register(),
        PersistenceModule.forFeature({
          collections: [traitSearchIndexes(profilesCollection.name, options.searchableTraits)],
        }),
      ],
      controllers: [ProfilesController, IdentitySettingsController, ProfileCorrectionsController],
      providers: [
        { provide: PROFILE_API_OPTIONS, useValue: options },
        {
          provide: ProfileReadCache,
          useFactory: (settings: ProfileApiOptions) => {
            const logger = new Logger(ProfileReadCache.name);
            return new ProfileReadCache(settings.cache, (error) =>
              logger.warn(`refreshing a cached profile failed: ${describe(error)}`),
            );
          },
          inject: [PROFILE_API_OPTIONS],
        },
        ProfileCacheInvalidator,
        ProfileApiAccess,
        ProfileApiGuard,
        ApiRefusalFilter,
        ProfileApiService,
      ],
      exports: [ProfileApiService, ProfileApiAccess],
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

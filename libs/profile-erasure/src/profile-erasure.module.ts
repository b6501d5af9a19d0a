import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceName } from '@meridian/contracts';
import { PERSISTENCE_DB, PersistenceModule, type Database } from '@meridian/persistence';
import { erasedProfilesCollection } from './erased-profiles.collection';
import { ErasedProfilesRepository } from './erased-profiles.repository';
import { ProfileErasureLedger } from './profile-erasure-ledger';
import { PROFILE_ERASURE_OPTIONS, type ProfileErasureOptions } from './profile-erasure-options';

/**
 * A service's ledger of erased profiles (ProfileErasureLedger) over a collection of its own,
 * ensured at start-up. The service's own handler deletes its data and calls the ledger.
 */
@Module({})
export class ProfileErasureModule {
  static register(options: ProfileErasureOptions): DynamicModule {
    const serviceName = ServiceName.safeParse(options.serviceName);
    if (!serviceName.success) {
      throw new Error(
        `ProfileErasureModule: "${options.serviceName}" cannot name a service in deletion confirmations: ${serviceName.error.issues[0]?.message}`,
      );
    }
    return {
      module: ProfileErasureModule,
      imports: [
        PersistenceModule.forFeature({
          collections: [erasedProfilesCollection(options.collection)],
        }),
      ],
      providers: [
        {
          provide: PROFILE_ERASURE_OPTIONS,
          useValue: { ...options, serviceName: serviceName.data },
        },
        {
          provide: ErasedProfilesRepository,
          useFactory: (db: Database) => new ErasedProfilesRepository(db, options.collection),
          inject: [PERSISTENCE_DB],
        },
        ProfileErasureLedger,
      ],
      exports: [ProfileErasureLedger],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { ProfileErasureModule } from '@meridian/profile-erasure';
import { ProfileStoreModule } from '../profiles';
import { DeletionRequestService } from './deletion-request.service';
import { DeletionRequestsController } from './deletion-requests.controller';
import { ProfileErasureController } from './profile-erasure.controller';
import { ProfileErasureService } from './profile-erasure.service';

/** Identity's record of the profiles it erased (ProfileErasureLedger). */
export const IDENTITY_ERASED_PROFILES = 'identity_erased_profiles';

/**
 * Data-subject deletions: the identity-deletions consumer routes each request's profiles to
 * their partitions' owners, which erase them, announce each (ProfileErasedV1) and confirm the
 * request.
 */
@Module({})
export class ErasureModule {
  /** `serviceName`: this service as named in deletion confirmations ('identity'). */
  static register(options: { readonly serviceName: string }): DynamicModule {
    return {
      module: ErasureModule,
      imports: [
        ProfileStoreModule,
        ProfileErasureModule.register({
          serviceName: options.serviceName,
          collection: IDENTITY_ERASED_PROFILES,
        }),
      ],
      controllers: [DeletionRequestsController, ProfileErasureController],
      providers: [DeletionRequestService, ProfileErasureService],
    };
  }
}

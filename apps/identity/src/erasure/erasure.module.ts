import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceName } from '@meridian/contracts';
import { PersistenceModule } from '@meridian/persistence';
import { ProfileStoreModule } from '../profiles';
import { DeletionRequestService } from './deletion-request.service';
import { DeletionRequestsController } from './deletion-requests.controller';
import { ERASURE_OPTIONS, type ErasureOptions } from './erasure-options';
import { ErasureReceiptRepository } from './erasure-receipt.repository';
import { erasureReceiptsCollection } from './erasure-receipts.collection';
import { ProfileErasureController } from './profile-erasure.controller';
import { ProfileErasureService } from './profile-erasure.service';

/** The collections the erasure feature owns (besides the profiles and identifiers it deletes from). */
export const erasureCollections = [erasureReceiptsCollection];

/**
 * Data-subject deletions: the identity-deletions consumer routes each request's profiles to
 * their partitions' owners, which erase them and confirm the request.
 */
@Module({})
export class ErasureModule {
  static register(options: ErasureOptions): DynamicModule {
    const serviceName = ServiceName.safeParse(options.serviceName);
    if (!serviceName.success) {
      throw new Error(
        `ErasureModule: "${options.serviceName}" cannot name a service in deletion confirmations: ${serviceName.error.issues[0]?.message}`,
      );
    }
    return {
      module: ErasureModule,
      imports: [
        ProfileStoreModule,
        PersistenceModule.forFeature({
          collections: erasureCollections,
          repositories: [ErasureReceiptRepository],
        }),
      ],
      controllers: [DeletionRequestsController, ProfileErasureController],
      providers: [
        { provide: ERASURE_OPTIONS, useValue: { serviceName: serviceName.data } },
        DeletionRequestService,
        ProfileErasureService,
      ],
    };
  }
}

import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching';
import { ProfileStoreModule } from '../profiles';
import { DeletionRequestService } from './deletion-request.service';
import { DeletionRequestsController } from './deletion-requests.controller';
import { ErasedProfilesModule } from './erased-profiles.module';
import { ProfileErasureController } from './profile-erasure.controller';
import { ProfileErasureService } from './profile-erasure.service';

/**
 * Data-subject deletions: the identity-deletions consumer routes each request's profiles to
 * their partitions' owners, which erase them, announce each (ProfileErasedV1) and confirm the
 * request.
 */
@Module({
  imports: [ProfileStoreModule, ErasedProfilesModule, MatchingModule],
  controllers: [DeletionRequestsController, ProfileErasureController],
  providers: [DeletionRequestService, ProfileErasureService],
})
export class ErasureModule {}

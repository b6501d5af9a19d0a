import { Module } from '@nestjs/common';
import { CallAcceptedController } from './call-accepted.controller';
import { CallResolutionService } from './call-resolution.service';
import { LiveProfiles } from './live-profiles';
import { ProfileStoreModule } from './profile-store.module';

/**
 * Golden records: call resolution (the identity-ingest consumer). The profile API that reads
 * them is ProfileApiModule (../profile-api).
 */
@Module({
  imports: [ProfileStoreModule],
  controllers: [CallAcceptedController],
  providers: [CallResolutionService, LiveProfiles],
  exports: [LiveProfiles],
})
export class ProfilesModule {}

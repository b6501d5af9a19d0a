import { Module } from '@nestjs/common';
import { ProfileErasureModule } from '@meridian/profile-erasure';
import { IDENTITY_SERVICE_NAME } from '../service-name';
import { ErasedProfileEvents } from './erased-profile-events';

/** Identity's record of the profiles it erased (ProfileErasureLedger). */
export const IDENTITY_ERASED_PROFILES = 'identity_erased_profiles';

// One module object, so every feature importing it shares one ledger.
const identityLedger = ProfileErasureModule.register({
  serviceName: IDENTITY_SERVICE_NAME,
  collection: IDENTITY_ERASED_PROFILES,
});

/** The ledger of erased profiles, for erasure itself and for features receiving late events. */
@Module({
  imports: [identityLedger],
  providers: [ErasedProfileEvents],
  exports: [identityLedger, ErasedProfileEvents],
})
export class ErasedProfilesModule {}

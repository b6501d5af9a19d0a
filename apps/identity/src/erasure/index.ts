export { ErasedProfileEvents } from './erased-profile-events';
export { ErasedProfilesModule, IDENTITY_ERASED_PROFILES } from './erased-profiles.module';
export { ErasureModule } from './erasure.module';

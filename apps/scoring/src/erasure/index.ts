export { ErasureModule, SCORING_ERASED_PROFILES } from './erasure.module';
export { ProfileErasure } from './profile-erasure.service';

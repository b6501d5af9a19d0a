export { deletionConfirmation, type ConfirmationCause } from './deletion-confirmation';
export { erasedProfileId, erasedProfilesCollection } from './erased-profiles.collection';
export { ErasedProfilesRepository } from './erased-profiles.repository';
export { ProfileErasureLedger, type ProfileDataEraser } from './profile-erasure-ledger';
export { ProfileErasureModule } from './profile-erasure.module';
export type { ProfileErasureOptions } from './profile-erasure-options';

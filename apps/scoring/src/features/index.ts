export { FeaturesModule } from './features.module';
export { FeaturesService, type ProfileFeaturesView, type RecordOutcome } from './features.service';
export { profileFeaturesCollection, scoringCollections } from './profile-features.collection';
export { APPLIED_EVENT_IDS_LIMIT, applyEvent, type ProfileFeatures } from './profile-features';
export { ProfileFeaturesRepository, RevisionConflictError } from './profile-features.repository';

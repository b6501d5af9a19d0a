export { ModelsModule } from './models.module';
export {
  MODELS_OPTIONS,
  modelsOptionsOf,
  type ModelsOptions,
  type PropensityGoal,
} from './models-options';
export { ModelsService, type ModelsOutcome } from './models.service';
export { ModelsErasure } from './models-erasure.service';
export { NbaDecisionRequest, NbaService, type NbaDecisionView } from './nba.service';
export { ProfileModelsService, type ProfileModelsView } from './profile-models.service';
export { ModelsMaintenance, SWEEP_PAGE_SIZE } from './models-maintenance.service';
export { ModelStore, NBA_CONTEXT } from './model-store';
export {
  ModelVersionDocument,
  modelVersionId,
  versionView,
  type ModelVersionView,
} from './model-version-document';
export {
  ModelVersionConflictError,
  ModelVersionsRepository,
  VersionSummary,
} from './model-versions.repository';
export { ModelProfileConflictError, ModelProfilesRepository } from './model-profiles.repository';
export { ACTIVITY_MEAN_LIFE_DAYS, ModelProfileDocument, modelProfileId } from './model-profile';
export {
  modelProfilesCollection,
  modelsCollections,
  modelVersionsCollection,
} from './models.collections';
export { BEST_CHANNEL_SCORE_PREFIX, SEND_TIME_SCORE } from './engagement-answers';
export { BEST_CHANNEL_MODEL_ID, SEND_TIME_MODEL_ID } from './engagement-model';
export { nbaModelId } from './nba-model';

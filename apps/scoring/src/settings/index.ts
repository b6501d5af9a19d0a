export { SettingsModule } from './settings.module';
export {
  ScoringApiAccess,
  resolveWorkspace,
  WORKSPACE_HEADER,
  type AccessNeed,
  type AuthenticateAdminKey,
  type ScoringApiCredentials,
} from './scoring-api-access';
export {
  SCORING_API_ERROR_STATUS,
  ScoringApiError,
  type ScoringApiErrorCode,
} from './scoring-api-error';
export {
  effectiveSettings,
  parseSettingsBody,
  ScoringSettings,
  unknownKeys,
  type EffectiveScoringSettings,
} from './scoring-settings';
export { scoringSettingsCollection } from './scoring-settings.collection';
export {
  SCORING_SETTINGS_OPTIONS,
  ScoringSettingsService,
  type ScoringSettingsOptions,
} from './scoring-settings.service';

export {
  WorkspacesModule,
  workspacesCollections,
  type WorkspacesModuleOptions,
} from './workspaces.module';
export { hashWriteKey } from './write-keys/write-key-hash';
export { WriteKeyRepository } from './write-keys/write-key.repository';
export {
  WRITE_KEY_CACHE_TTL_MS,
  WriteKeyConflictError,
  WriteKeyService,
  type SeedWorkspace,
  type WriteKeyOwner,
} from './write-keys/write-key.service';
export { writeKeysCollection, type WriteKeyDocument } from './write-keys/write-keys.collection';
export type { Clock } from './write-keys/expiring-cache';
export {
  sourceSettingsCollection,
  sourceSettingsId,
  type SourceSettingsDocument,
} from './source-settings/source-settings.collection';
export {
  SourceSettingsRepository,
  type SourceSettingsFields,
} from './source-settings/source-settings.repository';
export {
  SOURCE_SETTINGS_CACHE_TTL_MS,
  SourceMissingConsentPolicy,
  SourceSettingsError,
  SourceSettingsService,
  type PutSourceSettings,
  type SourceSettings,
  type TrackingPlanValidator,
} from './source-settings/source-settings.service';

export {
  WorkspacesModule,
  workspacesCollections,
  type WorkspacesModuleOptions,
} from './workspaces.module';
export { hashWriteKey } from './write-keys/write-key-hash';
export { WriteKeyRepository } from './write-keys/write-key.repository';
export {
  keyIdOfWriteKey,
  WRITE_KEY_CACHE_TTL_MS,
  WriteKeyConflictError,
  WriteKeyService,
  type SeedWorkspace,
  type WriteKey,
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
export {
  adminKeysCollection,
  AdminKeyRole,
  type AdminKeyDocument,
} from './admin-keys/admin-keys.collection';
export { AdminKeyRepository } from './admin-keys/admin-key.repository';
export {
  ADMIN_KEY_CACHE_TTL_MS,
  AdminKeyConflictError,
  AdminKeyService,
  type AdminKey,
  type AdminKeyIdentity,
  type NewAdminKey,
  type SeedAdminKey,
} from './admin-keys/admin-key.service';
export {
  workspacesCollection,
  type WorkspaceDocument,
  type WorkspaceSettings,
} from './catalog/workspaces.collection';
export {
  sourceDocumentId,
  sourcesCollection,
  type SourceDocument,
} from './catalog/sources.collection';
export { WorkspaceRepository } from './catalog/workspace.repository';
export { SourceRepository } from './catalog/source.repository';
export { auditLogCollection, type AuditLogDocument } from './audit-log/audit-log.collection';
export { AuditLogRepository, type AuditLogPage } from './audit-log/audit-log.repository';
export { bearerToken } from './admin-keys/bearer-token';

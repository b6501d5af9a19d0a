import type { DynamicModule } from '@nestjs/common';
import {
  PERSISTENCE_DB,
  PersistenceModule,
  type CollectionDefinition,
  type Database,
} from '@meridian/persistence';
import { AdminKeyRepository } from './admin-keys/admin-key.repository';
import { AdminKeyService } from './admin-keys/admin-key.service';
import { adminKeysCollection } from './admin-keys/admin-keys.collection';
import { auditLogCollection } from './audit-log/audit-log.collection';
import { AuditLogRepository } from './audit-log/audit-log.repository';
import { SourceRepository } from './catalog/source.repository';
import { sourcesCollection } from './catalog/sources.collection';
import { WorkspaceRepository } from './catalog/workspace.repository';
import { workspacesCollection } from './catalog/workspaces.collection';
import { sourceSettingsCollection } from './source-settings/source-settings.collection';
import { SourceSettingsRepository } from './source-settings/source-settings.repository';
import {
  SourceSettingsError,
  SourceSettingsService,
  type TrackingPlanValidator,
} from './source-settings/source-settings.service';
import { WriteKeyRepository } from './write-keys/write-key.repository';
import { WriteKeyService } from './write-keys/write-key.service';
import { writeKeysCollection } from './write-keys/write-keys.collection';

/** Every collection this lib owns, for ensureCollections outside Nest (tools, tests). */
export const workspacesCollections: readonly CollectionDefinition[] = [
  writeKeysCollection,
  sourceSettingsCollection,
  workspacesCollection,
  sourcesCollection,
  adminKeysCollection,
  auditLogCollection,
];

export interface WorkspacesModuleOptions {
  /**
   * Compiles tracking plans put through SourceSettingsService (ingestion passes
   * compileTrackingPlan). Without it, settings with a tracking plan are refused.
   */
  readonly validateTrackingPlan?: TrackingPlanValidator;
}

const refuseTrackingPlans: TrackingPlanValidator = () => {
  throw new SourceSettingsError('no tracking-plan compiler is configured in this process');
};

/**
 * One module per validator: Nest tells dynamic modules apart by reference, so features that
 * each register with the same validator (ingest, the admin API) share one module, and with
 * it one key cache: a key revoked through the admin API is refused at once by the ingest
 * path of the same process.
 */
const registered = new WeakMap<TrackingPlanValidator, DynamicModule>();

const plainProviders = (validateTrackingPlan: TrackingPlanValidator) => [
  factory(WriteKeyRepository, (db) => new WriteKeyRepository(db)),
  {
    provide: WriteKeyService,
    useFactory: (repository: WriteKeyRepository) => new WriteKeyService(repository),
    inject: [WriteKeyRepository],
  },
  factory(SourceSettingsRepository, (db) => new SourceSettingsRepository(db)),
  {
    provide: SourceSettingsService,
    useFactory: (repository: SourceSettingsRepository) =>
      new SourceSettingsService(repository, validateTrackingPlan),
    inject: [SourceSettingsRepository],
  },
  factory(AdminKeyRepository, (db) => new AdminKeyRepository(db)),
  {
    provide: AdminKeyService,
    useFactory: (repository: AdminKeyRepository) => new AdminKeyService(repository),
    inject: [AdminKeyRepository],
  },
  factory(WorkspaceRepository, (db) => new WorkspaceRepository(db)),
  factory(SourceRepository, (db) => new SourceRepository(db)),
  factory(AuditLogRepository, (db) => new AuditLogRepository(db)),
];

/**
 * Write-key and admin-key authentication, seeding and revocation, per-source settings, the
 * workspace and source catalog and the audit log's storage:
 * `imports: [WorkspacesModule.register()]`. Needs PersistenceModule.forRoot in the app;
 * creates its collections at start-up. Providers are built by factories, without
 * decorators, so scripts can load this lib without decorator support (as the messaging lib
 * does).
 */
export class WorkspacesModule {
  static register(options: WorkspacesModuleOptions = {}): DynamicModule {
    const validateTrackingPlan = options.validateTrackingPlan ?? refuseTrackingPlans;
    const existing = registered.get(validateTrackingPlan);
    if (existing !== undefined) return existing;
    const module: DynamicModule = {
      module: WorkspacesModule,
      imports: [PersistenceModule.forFeature({ collections: workspacesCollections })],
      providers: plainProviders(validateTrackingPlan),
      exports: [
        WriteKeyService,
        SourceSettingsService,
        AdminKeyService,
        WorkspaceRepository,
        SourceRepository,
        AuditLogRepository,
      ],
    };
    registered.set(validateTrackingPlan, module);
    return module;
  }
}

function factory<T>(provide: abstract new (...args: never[]) => T, build: (db: Database) => T) {
  return { provide, useFactory: build, inject: [PERSISTENCE_DB] };
}

import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../access/admin-access.module';
import { AdminKeysController } from '../admin-keys/admin-keys.controller';
import { AdminKeysService } from '../admin-keys/admin-keys.service';
import { AuditLogController, InstallationAuditLogController } from '../audit/audit-log.controller';
import { SourceSettingsController } from '../source-settings/source-settings.controller';
import { SourceSettingsAdminService } from '../source-settings/source-settings.service';
import { SourcesController } from '../sources/sources.controller';
import { SourcesService } from '../sources/sources.service';
import { WorkspacesController } from '../workspaces/workspaces.controller';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { WriteKeysController } from '../write-keys/write-keys.controller';
import { WriteKeysService } from '../write-keys/write-keys.service';

/**
 * The core admin routes under /admin/v1: admin keys, workspaces, sources, write keys,
 * source settings and the audit log. Needs PersistenceModule.forRoot in the app.
 */
@Module({
  imports: [AdminAccessModule],
  controllers: [
    AdminKeysController,
    WorkspacesController,
    SourcesController,
    WriteKeysController,
    SourceSettingsController,
    AuditLogController,
    InstallationAuditLogController,
  ],
  providers: [
    AdminKeysService,
    WorkspacesService,
    SourcesService,
    WriteKeysService,
    SourceSettingsAdminService,
  ],
  // Other admin features check workspaces and sources exist through these.
  exports: [WorkspacesService, SourcesService],
})
export class AdminCoreModule {}

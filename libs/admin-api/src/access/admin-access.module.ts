import { Module } from '@nestjs/common';
import { compileTrackingPlan } from '@meridian/ingest-governance';
import { WorkspacesModule } from '@meridian/workspaces';
import { AuditLog } from '../audit/audit-log';

/**
 * What @AdminRoute needs, for feature modules to import: `imports: [AdminAccessModule]`.
 * Re-exports WorkspacesModule (the guard's AdminKeyService, and the key, settings and
 * catalog services features use) and exports AuditLog. Registered with the same tracking
 * plan compiler as the ingest feature, so both share one WorkspacesModule and its caches.
 */
@Module({
  imports: [WorkspacesModule.register({ validateTrackingPlan: compileTrackingPlan })],
  providers: [AuditLog],
  exports: [WorkspacesModule, AuditLog],
})
export class AdminAccessModule {}

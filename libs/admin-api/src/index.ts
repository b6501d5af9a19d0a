export { actsOn, type AdminActor } from './access/admin-actor';
export { AdminAccessModule } from './access/admin-access.module';
export { AdminJsonBodyInterceptor } from './access/admin-json-body.interceptor';
export { AdminRole, roleAllows } from './access/admin-role';
export { Actor, AdminRoute } from './access/admin-route.decorator';
export { AdminGuard } from './access/admin.guard';
export { authorize, type AccessRequest } from './access/authorize';
export { AuditLog, type AuditEntry, type AuditPage, type AuditRecord } from './audit/audit-log';
export { AdminApiError, type AdminApiIssue } from './errors/admin-api-error';
export { AdminApiErrorFilter, adminErrorOf } from './errors/admin-api-error.filter';
export { parseAdminInput } from './errors/parse-admin-input';
export type { AdminOperation } from './openapi/admin-operation';
export {
  AdminErrorBody,
  buildAdminOpenApi,
  type AdminOpenApiInfo,
} from './openapi/build-admin-openapi';
export { AdminCoreModule } from './core/admin-core.module';
export { adminCoreOperations } from './core/admin-core.operations';
export {
  DisplayName,
  isoOf,
  isoOrNull,
  Slug,
  SourceParams,
  Timestamp,
  WorkspaceParams,
} from './core/admin-schemas';
export { AdminOpenApiModule } from './openapi/admin-openapi.module';
export { SourcesService } from './sources/sources.service';
export { WorkspacesService } from './workspaces/workspaces.service';

import { WorkspaceParams } from '../core/admin-schemas';
import type { AdminOperation } from '../openapi/admin-operation';
import { AuditLogPageView, AuditLogQuery } from './audit-log.schemas';

export const auditLogOperations: readonly AdminOperation[] = [
  {
    method: 'get',
    path: '/admin/v1/workspaces/{workspaceId}/audit-log',
    summary: "List the workspace's admin mutations, newest first",
    role: 'read-only',
    tag: 'Audit log',
    params: WorkspaceParams,
    query: AuditLogQuery,
    responses: {
      200: { description: 'One page of entries', schema: AuditLogPageView },
      404: { description: 'No such workspace (code not_found)' },
    },
  },
  {
    method: 'get',
    path: '/admin/v1/audit-log',
    summary:
      'List installation-wide admin mutations (e.g. installation-wide keys), newest first; installation-wide keys only',
    role: 'read-only',
    tag: 'Audit log',
    query: AuditLogQuery,
    responses: {
      200: { description: 'One page of entries', schema: AuditLogPageView },
      403: { description: 'A workspace-scoped key (code forbidden)' },
    },
  },
];

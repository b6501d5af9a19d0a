import { WorkspaceParams } from '../core/admin-schemas';
import type { AdminOperation } from '../openapi/admin-operation';
import { CreateWorkspaceBody, WorkspaceList, WorkspaceView } from './workspaces.schemas';

const tag = 'Workspaces';

export const workspaceOperations: readonly AdminOperation[] = [
  {
    method: 'post',
    path: '/admin/v1/workspaces',
    summary: 'Create a workspace (installation-wide owner keys only)',
    role: 'owner',
    tag,
    body: CreateWorkspaceBody,
    responses: {
      201: { description: 'The workspace', schema: WorkspaceView },
      409: { description: 'A workspace with this id exists (code conflict)' },
    },
  },
  {
    method: 'get',
    path: '/admin/v1/workspaces',
    summary: 'List the workspaces the key may act on',
    role: 'read-only',
    tag,
    responses: { 200: { description: 'The workspaces', schema: WorkspaceList } },
  },
  {
    method: 'get',
    path: '/admin/v1/workspaces/{workspaceId}',
    summary: 'Read a workspace',
    role: 'read-only',
    tag,
    params: WorkspaceParams,
    responses: {
      200: { description: 'The workspace', schema: WorkspaceView },
      404: { description: 'No such workspace (code not_found)' },
    },
  },
];

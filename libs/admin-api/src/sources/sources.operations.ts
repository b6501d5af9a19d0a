import { SourceParams, WorkspaceParams } from '../core/admin-schemas';
import type { AdminOperation } from '../openapi/admin-operation';
import { CreateSourceBody, SourceList, SourceView } from './sources.schemas';

const tag = 'Sources';
const path = '/admin/v1/workspaces/{workspaceId}/sources';

export const sourceOperations: readonly AdminOperation[] = [
  {
    method: 'post',
    path,
    summary: "Create a source (starts with the workspace's default consent policy, if any)",
    role: 'admin',
    tag,
    params: WorkspaceParams,
    body: CreateSourceBody,
    responses: {
      201: { description: 'The source', schema: SourceView },
      404: { description: 'No such workspace (code not_found)' },
      409: { description: 'The workspace has a source with this id (code conflict)' },
    },
  },
  {
    method: 'get',
    path,
    summary: "List a workspace's sources",
    role: 'read-only',
    tag,
    params: WorkspaceParams,
    responses: {
      200: { description: 'The sources, oldest first', schema: SourceList },
      404: { description: 'No such workspace (code not_found)' },
    },
  },
  {
    method: 'get',
    path: `${path}/{sourceId}`,
    summary: 'Read a source',
    role: 'read-only',
    tag,
    params: SourceParams,
    responses: {
      200: { description: 'The source', schema: SourceView },
      404: { description: 'No such workspace or source (code not_found)' },
    },
  },
];

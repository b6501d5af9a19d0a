import { SourceParams } from '../core/admin-schemas';
import type { AdminOperation } from '../openapi/admin-operation';
import { CreatedWriteKey, WriteKeyList, WriteKeyParams, WriteKeyView } from './write-keys.schemas';

const tag = 'Write keys';
const path = '/admin/v1/workspaces/{workspaceId}/sources/{sourceId}/write-keys';
const unknownSource = { description: 'No such workspace or source (code not_found)' };

export const writeKeyOperations: readonly AdminOperation[] = [
  {
    method: 'post',
    path,
    summary: 'Create a write key for the source; the key is in this answer only',
    role: 'admin',
    tag,
    params: SourceParams,
    responses: {
      201: { description: 'The key, with its secret', schema: CreatedWriteKey },
      404: unknownSource,
    },
  },
  {
    method: 'get',
    path,
    summary: "List the source's write keys (never their secrets)",
    role: 'read-only',
    tag,
    params: SourceParams,
    responses: {
      200: { description: 'The keys, oldest first', schema: WriteKeyList },
      404: unknownSource,
    },
  },
  {
    method: 'delete',
    path: `${path}/{keyId}`,
    summary: 'Revoke a write key: every instance refuses it within a second',
    role: 'admin',
    tag,
    params: WriteKeyParams,
    responses: {
      200: { description: 'The revoked key', schema: WriteKeyView },
      404: { description: 'No such workspace, source or key (code not_found)' },
    },
  },
];

import type { AdminOperation } from '../openapi/admin-operation';
import {
  AdminKeyList,
  AdminKeyListQuery,
  AdminKeyParams,
  AdminKeyView,
  CreateAdminKeyBody,
  CreatedAdminKey,
} from './admin-keys.schemas';

const tag = 'Admin keys';

export const adminKeyOperations: readonly AdminOperation[] = [
  {
    method: 'post',
    path: '/admin/v1/admin-keys',
    summary: 'Create an admin key; the key is in this answer only',
    role: 'owner',
    tag,
    body: CreateAdminKeyBody,
    responses: {
      201: { description: 'The key, with its secret', schema: CreatedAdminKey },
      404: { description: 'No such workspace (code not_found)' },
    },
  },
  {
    method: 'get',
    path: '/admin/v1/admin-keys',
    summary: 'List admin keys (never their secrets): a workspace key sees its workspace only',
    role: 'admin',
    tag,
    query: AdminKeyListQuery,
    responses: { 200: { description: 'The keys, newest first', schema: AdminKeyList } },
  },
  {
    method: 'delete',
    path: '/admin/v1/admin-keys/{keyId}',
    summary: 'Revoke an admin key: every instance refuses it within a second',
    role: 'owner',
    tag,
    params: AdminKeyParams,
    responses: {
      200: { description: 'The revoked key', schema: AdminKeyView },
      404: { description: 'No such key visible to the caller (code not_found)' },
    },
  },
];

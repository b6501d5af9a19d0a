import type { AdminOperation } from '@meridian/admin-api';
import {
  DiscardRequest,
  QuarantineEntryParams,
  QuarantineEntryView,
  QuarantineListParams,
  QuarantineListQuery,
  QuarantinePage,
  ReplayRequest,
} from './quarantine.schemas';

const tag = 'Quarantine';
const entryPath = '/admin/v1/workspaces/{workspaceId}/quarantine/{entryId}';
const notFound = { description: 'No entry by this id in the workspace (code not_found)' };
const resolved = { description: 'The entry is already replayed or discarded (code conflict)' };

export const quarantineOperations: readonly AdminOperation[] = [
  {
    method: 'get',
    path: '/admin/v1/workspaces/{workspaceId}/quarantine',
    summary: "List the workspace's quarantined calls, newest first",
    role: 'read-only',
    tag,
    params: QuarantineListParams,
    query: QuarantineListQuery,
    responses: { 200: { description: 'One page of entries', schema: QuarantinePage } },
  },
  {
    method: 'get',
    path: entryPath,
    summary: 'Read one quarantined call with its violations and status',
    role: 'read-only',
    tag,
    params: QuarantineEntryParams,
    responses: { 200: { description: 'The entry', schema: QuarantineEntryView }, 404: notFound },
  },
  {
    method: 'post',
    path: `${entryPath}/replay`,
    summary:
      'Replay the call (or the fixed call in the body; the body may be left out) through live admission',
    role: 'admin',
    tag,
    params: QuarantineEntryParams,
    body: ReplayRequest,
    responses: {
      200: {
        description: 'Accepted and published: the entry, now replayed',
        schema: QuarantineEntryView,
      },
      404: notFound,
      409: resolved,
      422: {
        description:
          'Refused or blocked again (code replay_refused, the violations as issues); the entry stays open',
      },
      503: { description: 'The stream did not take the call (code unavailable); retry' },
    },
  },
  {
    method: 'post',
    path: `${entryPath}/discard`,
    summary: 'Close the entry without replaying it',
    role: 'admin',
    tag,
    params: QuarantineEntryParams,
    body: DiscardRequest,
    responses: {
      200: { description: 'The entry, now discarded', schema: QuarantineEntryView },
      404: notFound,
      409: resolved,
    },
  },
];

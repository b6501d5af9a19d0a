import type { AdminOperation } from '@meridian/admin-api';
import { RequestPathParams, WorkspacePathParams } from './admin-schemas';
import {
  CreateDataSubjectRequest,
  DataSubjectRequestList,
  DataSubjectRequestView,
  ListDataSubjectRequestsQuery,
} from './requests/data-subject-request';
import { ListSuppressionsQuery, SuppressionList } from './suppressions/suppression.service';

const tag = 'Data-subject requests';
const workspace = '/admin/v1/workspaces/{workspaceId}';
const requests = `${workspace}/data-subject-requests`;

/** The admin routes of this feature, for the admin OpenAPI document. */
export const dataSubjectRequestOperations: readonly AdminOperation[] = [
  {
    method: 'post',
    path: requests,
    summary:
      'Suppress, delete (with or without suppressing) or unsuppress a person by userId, anonymousId, email, phone or an externalIds type',
    role: 'admin',
    tag,
    params: WorkspacePathParams,
    body: CreateDataSubjectRequest,
    responses: {
      201: {
        description:
          'The request: completed for SUPPRESS and UNSUPPRESS; in_progress for a deletion until every required service confirmed',
        schema: DataSubjectRequestView,
      },
      404: { description: 'No such workspace (code not_found)' },
      503: {
        description:
          'Stored but not carried out (database or stream unavailable); the request is marked failed (code unavailable)',
      },
    },
  },
  {
    method: 'get',
    path: requests,
    summary: "List a workspace's data-subject requests, newest first",
    role: 'read-only',
    tag,
    params: WorkspacePathParams,
    query: ListDataSubjectRequestsQuery,
    responses: {
      200: { description: 'The requests', schema: DataSubjectRequestList },
      404: { description: 'No such workspace (code not_found)' },
    },
  },
  {
    method: 'get',
    path: `${requests}/{requestId}`,
    summary: 'Read a data-subject request with its confirmations',
    role: 'read-only',
    tag,
    params: RequestPathParams,
    responses: {
      200: { description: 'The request', schema: DataSubjectRequestView },
      404: { description: 'No such workspace or request (code not_found)' },
    },
  },
  {
    method: 'get',
    path: `${workspace}/suppressions`,
    summary: 'List active suppressions with the events dropped under each, newest first',
    role: 'read-only',
    tag,
    params: WorkspacePathParams,
    query: ListSuppressionsQuery,
    responses: {
      200: { description: 'The suppressions', schema: SuppressionList },
      404: { description: 'No such workspace (code not_found)' },
    },
  },
];

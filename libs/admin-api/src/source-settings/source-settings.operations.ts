import { SourceParams } from '../core/admin-schemas';
import type { AdminOperation } from '../openapi/admin-operation';
import { PutSourceSettingsBody, SourceSettingsView } from './source-settings.schemas';

const tag = 'Source settings';
const path = '/admin/v1/workspaces/{workspaceId}/sources/{sourceId}/settings';

export const sourceSettingsOperations: readonly AdminOperation[] = [
  {
    method: 'get',
    path,
    summary: "Read a source's consent policy, phone region and tracking plan",
    role: 'read-only',
    tag,
    params: SourceParams,
    responses: {
      200: { description: 'The settings', schema: SourceSettingsView },
      404: {
        description: "No such workspace or source, or it has no settings (the service's apply)",
      },
    },
  },
  {
    method: 'put',
    path,
    summary: "Replace a source's settings; a tracking plan is compiled before it is stored",
    role: 'admin',
    tag,
    params: SourceParams,
    body: PutSourceSettingsBody,
    responses: {
      200: { description: 'The stored settings', schema: SourceSettingsView },
      404: { description: 'No such workspace or source (code not_found)' },
    },
  },
];

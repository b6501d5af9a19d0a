import type { AdminOperation } from '@meridian/admin-api';
import {
  ImportJobView,
  ImportList,
  ImportListQuery,
  ImportParams,
  ImportQuery,
  ImportsParams,
} from './imports.schemas';

const tag = 'Imports';
const path = '/admin/v1/workspaces/{workspaceId}/sources/{sourceId}/imports';

export const importOperations: readonly AdminOperation[] = [
  {
    method: 'post',
    path,
    summary:
      'Import a CSV or NDJSON file (optionally gzip) through a mapping: the body is the file, ' +
      'streamed; its calls take the /v1/batch path of the source. Idempotent: messageIds derive ' +
      'from the rows, so uploading a file again accepts nothing twice; resumeFrom skips the rows ' +
      'an earlier import of the same file made durable. Other query parameters are the ' +
      "mapping's options (fields: type, event, event-column, user-id-column, ...).",
    role: 'admin',
    tag,
    params: ImportsParams,
    query: ImportQuery,
    responses: {
      201: { description: 'The file is in: the import job, completed', schema: ImportJobView },
      400: {
        description:
          'Unknown mapping or option, no format (code invalid_request, before the body is read); ' +
          'a file that cannot be read on (invalid_file) or an upload cut short ' +
          '(upload_interrupted), with the failed job as `import`',
      },
      404: { description: 'No such source, or no such import to resume (code not_found)' },
      409: {
        description:
          'resumeFrom names an import of another mapping or format (conflict) or file ' +
          '(resume_mismatch, with the failed job as `import`)',
      },
      415: { description: 'A Content-Encoding other than gzip (code unsupported_media_type)' },
      503: {
        description: 'The event stream did not take a batch (stream_unavailable, with `import`)',
      },
    },
  },
  {
    method: 'get',
    path,
    summary:
      "List a source's imports, newest first (also running ones: find the id of an upload to " +
      'watch, or to resume after a dropped connection)',
    role: 'read-only',
    tag,
    params: ImportsParams,
    query: ImportListQuery,
    responses: {
      200: { description: 'The imports', schema: ImportList },
      404: { description: 'No such source (code not_found)' },
    },
  },
  {
    method: 'get',
    path: `${path}/{importId}`,
    summary: 'Read an import job: status and progress, also while its upload runs',
    role: 'read-only',
    tag,
    params: ImportParams,
    responses: {
      200: { description: 'The import job', schema: ImportJobView },
      404: { description: 'No such import for this source (code not_found)' },
    },
  },
];

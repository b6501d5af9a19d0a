import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { AdminAnswer } from '../admin-api/admin-test-client';
import type { IngestionInstance } from '../testing/ingestion-test-bed';

/** The imports path of a source. */
export const importsPath = (workspaceId: string, sourceId: string) =>
  `/admin/v1/workspaces/${workspaceId}/sources/${sourceId}/imports`;

/**
 * POSTs a file to the import endpoint, streamed (a Readable is sent as it is read, in
 * chunked encoding), and answers the status and the parsed JSON body.
 */
export function uploadFile(
  instance: IngestionInstance,
  pathAndQuery: string,
  key: string,
  body: Buffer | Readable,
  headers: Readonly<Record<string, string>> = {},
): Promise<AdminAnswer> {
  const upload = startUpload(instance, pathAndQuery, key, headers);
  if (Buffer.isBuffer(body)) upload.request.end(body);
  else body.pipe(upload.request);
  return upload.answer;
}

export interface RunningUpload {
  /** Write parts of the body, end it, or destroy it to cut the upload off. */
  readonly request: ClientRequest;
  /** The answer; rejects when the request is destroyed before one came. */
  readonly answer: Promise<AdminAnswer>;
}

/** Starts a POST whose body the caller writes (and may cut off). */
export function startUpload(
  instance: IngestionInstance,
  pathAndQuery: string,
  key: string,
  headers: Readonly<Record<string, string>> = {},
): RunningUpload {
  const request = httpRequest(`${instance.url}${pathAndQuery}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv', ...headers },
  });
  const answer = new Promise<AdminAnswer>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          body: text.length === 0 ? undefined : JSON.parse(text),
        });
      });
    });
  });
  return { request, answer };
}

import type { IncomingMessage } from 'node:http';
import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import {
  Actor,
  AdminApiError,
  AdminRoute,
  parseAdminInput,
  type AdminActor,
} from '@meridian/admin-api';
import { UploadInterruptedError } from './import-failure';
import {
  ImportListQuery,
  ImportParams,
  ImportQuery,
  ImportsParams,
  type ImportJobView,
  type ImportList,
} from './imports.schemas';
import { ImportsService } from './imports.service';

/**
 * Bulk imports of a source: the request body is the file (CSV or NDJSON, optionally gzip),
 * streamed, never buffered; the answer comes when the whole file is in (201) or the import
 * stopped (its error, with the job). Watch a long upload with GET from another connection.
 */
@Controller('admin/v1/workspaces/:workspaceId/sources/:sourceId/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @AdminRoute('admin')
  upload(
    @Actor() actor: AdminActor,
    @Param() params: unknown,
    @Query() query: unknown,
    @Req() request: IncomingMessage,
  ): Promise<ImportJobView> {
    const owner = parseAdminInput(ImportsParams, params);
    const parsedQuery = parseAdminInput(ImportQuery, query);
    return this.imports.upload(actor, owner, {
      query: parsedQuery,
      contentType: request.headers['content-type'],
      contentEncoding: request.headers['content-encoding'],
      contentLength: contentLengthOf(request.headers['content-length']),
      body: uploadBody(request),
    });
  }

  @Get()
  @AdminRoute('read-only')
  list(@Param() params: unknown, @Query() query: unknown): Promise<ImportList> {
    const { limit } = parseAdminInput(ImportListQuery, query);
    return this.imports.list(parseAdminInput(ImportsParams, params), limit);
  }

  @Get(':importId')
  @AdminRoute('read-only')
  get(@Param() params: unknown): Promise<ImportJobView> {
    const { workspaceId, sourceId, importId } = parseAdminInput(ImportParams, params);
    return this.imports.get({ workspaceId, sourceId }, importId);
  }
}

/**
 * The request body as it arrives. The admin routes parse JSON bodies before the handler
 * runs, so a file sent as application/json would be gone: it is refused (send text/csv,
 * application/x-ndjson, application/gzip or application/octet-stream).
 */
function uploadBody(request: IncomingMessage): AsyncIterable<Uint8Array> {
  if (request.readableEnded || request.readableDidRead) {
    throw new AdminApiError(
      415,
      'unsupported_media_type',
      'the body was read as JSON: send the file as text/csv, application/x-ndjson, application/gzip or application/octet-stream',
    );
  }
  return readBody(request);
}

async function* readBody(request: IncomingMessage): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of request) {
      if (chunk instanceof Uint8Array) yield chunk;
    }
  } catch (error) {
    throw new UploadInterruptedError(error);
  }
}

function contentLengthOf(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

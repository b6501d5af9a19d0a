import type { IncomingMessage } from 'node:http';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { IngestCallType } from './call-normalisers';
import { IngestRejection } from './ingest-rejection';
import { IngestMetrics } from './ingest.metrics';
import { IngestService } from './ingest.service';
import { decodeBody, parseJsonObject, readBody } from './request-body';

/**
 * Segment-compatible HTTP endpoints. The body is read here rather than by Nest's parser,
 * so size, gzip and JSON errors get Segment-style codes: the app must be created with
 * `bodyParser: false` (see createIngestionApp).
 */
@Controller('v1')
export class IngestController {
  constructor(
    private readonly ingestService: IngestService,
    private readonly metrics: IngestMetrics,
  ) {}

  @Post('track')
  @HttpCode(200)
  track(@Req() request: IncomingMessage): Promise<{ success: true }> {
    return this.accept('track', request);
  }

  @Post('identify')
  @HttpCode(200)
  identify(@Req() request: IncomingMessage): Promise<{ success: true }> {
    return this.accept('identify', request);
  }

  private async accept(type: IngestCallType, request: IncomingMessage): Promise<{ success: true }> {
    const finish = this.metrics.startTimer(type);
    try {
      const body = await readJsonBody(request);
      await this.ingestService.ingest({ type, body, authorization: request.headers.authorization });
      finish('accepted');
      return { success: true };
    } catch (error) {
      finish(error instanceof IngestRejection ? error.code : 'error');
      throw error;
    }
  }
}

async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  if (request.readableEnded) {
    throw new Error('the request body was already consumed: create the app with bodyParser: false');
  }
  const raw = await readBody(request, request.headers['content-length']);
  return parseJsonObject(decodeBody(raw, request.headers['content-encoding']));
}

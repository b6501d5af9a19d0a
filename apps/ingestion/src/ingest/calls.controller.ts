import type { IncomingMessage } from 'node:http';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { IngestCallType } from './call-normalisers';
import { ingestRequestOf } from './ingest-http';
import { IngestRejection } from './ingest-rejection';
import { IngestMetrics } from './ingest.metrics';
import { IngestService } from './ingest.service';
import { SINGLE_CALL_LIMIT } from './request-body';

/**
 * Segment's one-call endpoints: POST /v1/{track,identify,page,screen,group,alias}, and the
 * one-letter paths (/v1/t, /v1/i, ...) that the browser SDK, analytics.js, posts to.
 */
@Controller('v1')
export class CallsController {
  constructor(
    private readonly ingestService: IngestService,
    private readonly metrics: IngestMetrics,
  ) {}

  @Post(['track', 't'])
  @HttpCode(200)
  track(@Req() request: IncomingMessage): Promise<{ success: true }> {
    return this.accept('track', request);
  }

  @Post(['identify', 'i'])
  @HttpCode(200)
  identify(@Req() request: IncomingMessage): Promise<{ success: true }> {
    return this.accept('identify', request);
  }

  @Post(['page', 'p'])
  @HttpCode(200)
  page(@Req() request: IncomingMessage): Promise<{ success: true }> {
    return this.accept('page', request);
  }

  @Post(['screen', 's'])
  @HttpCode(200)
  screen(@Req() request: IncomingMessage): Promise<{ success: true }> {
    return this.accept('screen', request);
  }

  @Post(['group', 'g'])
  @HttpCode(200)
  group(@Req() request: IncomingMessage): Promise<{ success: true }> {
    return this.accept('group', request);
  }

  @Post(['alias', 'a'])
  @HttpCode(200)
  alias(@Req() request: IncomingMessage): Promise<{ success: true }> {
    return this.accept('alias', request);
  }

  private async accept(type: IngestCallType, request: IncomingMessage): Promise<{ success: true }> {
    const finish = this.metrics.startTimer(type);
    try {
      await this.ingestService.ingestCall(type, await ingestRequestOf(request, SINGLE_CALL_LIMIT));
      finish('accepted');
      return { success: true };
    } catch (error) {
      finish(error instanceof IngestRejection ? error.code : 'error');
      throw error;
    }
  }
}

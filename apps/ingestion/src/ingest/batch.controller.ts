import type { IncomingMessage } from 'node:http';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { RefusedCall } from './batch-request';
import { ingestRequestOf } from './ingest-http';
import { IngestRejection } from './ingest-rejection';
import { IngestMetrics } from './ingest.metrics';
import { IngestService } from './ingest.service';
import { BATCH_LIMIT } from './request-body';

/** A refused call as a batch answer lists it. */
export interface RefusedEntry {
  readonly index: number;
  readonly code: RefusedCall['code'];
  readonly message: string;
}

export interface BatchAnswer {
  readonly success: true;
  /** Present only when some calls were refused. */
  readonly refused?: readonly RefusedEntry[];
}

/**
 * POST /v1/batch and /v1/import (the same thing, as in Segment), and /v1/b, where the browser
 * SDK sends its batches. A batch accepts its valid calls and answers 200 listing the refused
 * ones by index and code: Segment's SDKs never retry a 400, so refusing the whole batch for
 * one bad call would lose the good ones.
 */
@Controller('v1')
export class BatchController {
  constructor(
    private readonly ingestService: IngestService,
    private readonly metrics: IngestMetrics,
  ) {}

  @Post(['batch', 'b'])
  @HttpCode(200)
  batch(@Req() request: IncomingMessage): Promise<BatchAnswer> {
    return this.accept('batch', request);
  }

  @Post('import')
  @HttpCode(200)
  import(@Req() request: IncomingMessage): Promise<BatchAnswer> {
    return this.accept('import', request);
  }

  private async accept(route: string, request: IncomingMessage): Promise<BatchAnswer> {
    const finish = this.metrics.startTimer(route);
    try {
      const { refused } = await this.ingestService.ingestBatch(
        await ingestRequestOf(request, BATCH_LIMIT),
      );
      finish(refused.length === 0 ? 'accepted' : 'partially_refused');
      if (refused.length === 0) return { success: true };
      return {
        success: true,
        refused: refused.map(({ index, code, message }) => ({ index, code, message })),
      };
    } catch (error) {
      finish(error instanceof IngestRejection ? error.code : 'error');
      throw error;
    }
  }
}

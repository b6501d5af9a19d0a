import { ApiRefusalFilter } from '@meridian/platform';
import { Controller, Get, Headers, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { z } from 'zod';
import { parseQuery, ProfileApiError } from '../profile-api';
import { MatchReviewService, type ReviewPage } from './match-review.service';
import { decodeReviewCursor, ReviewStatus, type MatchReview } from './match-review';
import { MatchingApiAccess } from './matching-api-access';

const PAGE_SIZE = { default: 20, max: 100 } as const;

const ReviewsQuery = z.object({
  status: z.string({ error: 'status must be one value' }).pipe(ReviewStatus).default('open'),
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int('limit must be a whole number')
    .min(1, `limit must be between 1 and ${PAGE_SIZE.max}`)
    .max(PAGE_SIZE.max, `limit must be between 1 and ${PAGE_SIZE.max}`)
    .default(PAGE_SIZE.default),
  cursor: z.string({ error: 'cursor must be one value' }).min(1).max(1024).optional(),
});

const ReviewId = z
  .string({ error: 'the review id is required' })
  .min(1, 'the review id is required')
  .max(128, 'a review id is at most 128 characters');

/**
 * The match review queue over HTTP: any admin key lists it; owner and admin keys accept a
 * pair (202: the merge is a command the absorbed profile's partition carries out) or reject
 * it (never queued again). Deciding a decided review is a 409.
 */
@Controller('v1/match-reviews')
@UseFilters(ApiRefusalFilter)
export class MatchReviewsController {
  constructor(
    private readonly access: MatchingApiAccess,
    private readonly reviews: MatchReviewService,
  ) {}

  /** GET /v1/match-reviews?status=open&limit=20&cursor=… */
  @Get()
  async list(
    @Headers() headers: Record<string, unknown>,
    @Query() query: unknown,
  ): Promise<ReviewPage> {
    const { workspaceId } = await this.access.callerOf(headers);
    const { status, limit, cursor } = parseQuery(ReviewsQuery, query);
    const after = cursor === undefined ? null : decodeReviewCursor(cursor, status);
    if (cursor !== undefined && after === null)
      throw ProfileApiError.invalid(
        `cursor is not one this endpoint gave out for status ${status}`,
      );
    return this.reviews.list(workspaceId, status, limit, after);
  }

  @Post(':reviewId/accept')
  @HttpCode(202)
  async accept(
    @Headers() headers: Record<string, unknown>,
    @Param('reviewId') reviewId: string,
  ): Promise<MatchReview> {
    const caller = await this.access.callerOf(headers, { action: 'decide match reviews' });
    return this.reviews.accept(caller.workspaceId, parseQuery(ReviewId, reviewId), caller.keyId);
  }

  @Post(':reviewId/reject')
  @HttpCode(200)
  async reject(
    @Headers() headers: Record<string, unknown>,
    @Param('reviewId') reviewId: string,
  ): Promise<MatchReview> {
    const caller = await this.access.callerOf(headers, { action: 'decide match reviews' });
    return this.reviews.reject(caller.workspaceId, parseQuery(ReviewId, reviewId), caller.keyId);
  }
}

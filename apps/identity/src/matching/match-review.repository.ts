import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import { matchReviewsCollection } from './matching.collections';
import { MatchReview, type ReviewCursor, type ReviewStatus } from './match-review';

/** A review as stored: the review id is the document `_id`. */
type MatchReviewDocument = Omit<MatchReview, 'reviewId'> & { _id: string };

/** How a review was decided. */
export interface ReviewDecision {
  readonly status: Exclude<ReviewStatus, 'open'>;
  readonly decidedAt: string;
  readonly decidedBy: string;
  readonly mergeRequestId: string | null;
}

/** The review queue (`match_reviews`). */
@Injectable()
export class MatchReviewRepository {
  private readonly reviews: BaseRepository<MatchReviewDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.reviews = new BaseRepository<MatchReviewDocument>(db, matchReviewsCollection);
  }

  /** Queues the review unless its pair has one already (open or decided); true when queued. */
  async insertIfAbsent(review: MatchReview): Promise<boolean> {
    const { reviewId, ...fields } = MatchReview.parse(review);
    return this.reviews.insertIfAbsent(review.workspaceId, { _id: reviewId, ...fields });
  }

  async find(workspaceId: string, reviewId: string): Promise<MatchReview | null> {
    const document = await this.reviews.findOne(workspaceId, { _id: reviewId });
    return document === null ? null : reviewOf(document);
  }

  /** Up to `limit` reviews of one status after `after`, oldest first. */
  async page(
    workspaceId: string,
    status: ReviewStatus,
    after: ReviewCursor | null,
    limit: number,
  ): Promise<MatchReview[]> {
    const documents = await this.reviews.find(
      workspaceId,
      {
        status,
        ...(after === null
          ? {}
          : {
              $or: [
                { createdAt: { $gt: after.createdAt } },
                { createdAt: after.createdAt, _id: { $gt: after.reviewId } },
              ],
            }),
      },
      { sort: { createdAt: 1, _id: 1 }, limit },
    );
    return documents.map(reviewOf);
  }

  /**
   * Records the decision on a review that is still open; false when it is not (decided
   * meanwhile, or gone). The guard is the stored status, so of two decisions in a row only
   * the first is recorded.
   */
  async decide(workspaceId: string, reviewId: string, decision: ReviewDecision): Promise<boolean> {
    const result = await this.reviews.updateOne(
      workspaceId,
      { _id: reviewId, status: 'open' },
      { $set: { ...decision } },
    );
    return result.matchedCount > 0;
  }

  /** The profiles a person decided `profileId` is not the same person as. */
  async rejectedPartnersOf(workspaceId: string, profileId: string): Promise<string[]> {
    const documents = await this.reviews.find(workspaceId, {
      profileIds: profileId,
      status: 'rejected',
    });
    return documents.flatMap((document) => document.profileIds.filter((id) => id !== profileId));
  }

  /** Deletes every review naming the profile, whatever its status; answers how many. */
  deleteNaming(workspaceId: string, profileId: string): Promise<number> {
    return this.reviews.deleteMany(workspaceId, { profileIds: profileId });
  }

  /** Deletes one review (a review queued for a profile erased meanwhile). */
  async delete(workspaceId: string, reviewId: string): Promise<void> {
    await this.reviews.deleteMany(workspaceId, { _id: reviewId });
  }
}

function reviewOf({ _id, ...fields }: MatchReviewDocument): MatchReview {
  return MatchReview.parse({ ...fields, reviewId: _id });
}

import { Injectable } from '@nestjs/common';
import { subjects } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { LiveProfiles, ProfileRepository, type Profile } from '../profiles';
import { MatchReviewRepository, type ReviewDecision } from './match-review.repository';
import {
  encodeReviewCursor,
  reviewIdOf,
  sortedPair,
  type MatchReview,
  type ReviewCursor,
  type ReviewStatus,
} from './match-review';
import { MatchingError } from './matching-errors';
import { mergeRequestOf } from './merge-request';
import type { ScoredPair } from './score-candidates';

export interface QueuedReview {
  readonly reviewId: string;
  /** False when the pair had a review already (open, accepted or rejected). */
  readonly queued: boolean;
}

export interface ReviewPage {
  readonly items: readonly MatchReview[];
  readonly nextCursor: string | null;
}

/**
 * The review queue: pairs the model scored between the thresholds wait here for a person.
 * Accepting one asks the absorbed profile's partition to merge it (ProfileMergeRequestedV1,
 * as resolution does), rejecting one keeps the pair from being queued again. Never writes a
 * profile itself.
 */
@Injectable()
export class MatchReviewService {
  constructor(
    private readonly reviews: MatchReviewRepository,
    private readonly profiles: ProfileRepository,
    private readonly live: LiveProfiles,
    private readonly publisher: JetStreamPublisher,
  ) {}

  /**
   * Queues the pair unless it was queued before (whatever became of it), or unless one of the
   * two was erased meanwhile.
   */
  async queueReview(
    workspaceId: string,
    profileA: string,
    profileB: string,
    scored: ScoredPair,
  ): Promise<QueuedReview> {
    const reviewId = reviewIdOf(workspaceId, profileA, profileB);
    const queued = await this.reviews.insertIfAbsent({
      reviewId,
      workspaceId,
      profileIds: sortedPair(profileA, profileB),
      weight: scored.weight,
      matchProbability: scored.matchProbability,
      evidence: scored.explanation.map(({ field, level, agreement, weight }) => ({
        field,
        level,
        agreement,
        weight,
      })),
      status: 'open',
      createdAt: new Date().toISOString(),
      decidedAt: null,
      decidedBy: null,
      mergeRequestId: null,
    });
    // Erasure deletes a profile before the reviews naming it, so a review inserted after that
    // deletion finds the profile gone here and goes too: no review outlives an erasure.
    if (queued && !(await this.bothStored(workspaceId, profileA, profileB))) {
      await this.reviews.delete(workspaceId, reviewId);
      return { reviewId, queued: false };
    }
    return { reviewId, queued };
  }

  /**
   * Deletes every review naming the profile (erasure: a review holds the profile id and the
   * evidence about the person); answers how many.
   */
  forgetProfile(workspaceId: string, profileId: string): Promise<number> {
    return this.reviews.deleteNaming(workspaceId, profileId);
  }

  /** Reviews of one status, oldest first, `limit` per page. */
  async list(
    workspaceId: string,
    status: ReviewStatus,
    limit: number,
    after: ReviewCursor | null,
  ): Promise<ReviewPage> {
    const rows = await this.reviews.page(workspaceId, status, after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last !== undefined
        ? encodeReviewCursor({
            list: 'match-reviews',
            status,
            createdAt: last.createdAt,
            reviewId: last.reviewId,
          })
        : null;
    return { items, nextCursor };
  }

  /**
   * Merges the pair: the merge request goes to the absorbed profile's partition before the
   * review is marked accepted, so a failure in between leaves it open to be accepted again
   * (the request's id is derived from the pair: a second one is dropped as a duplicate).
   */
  async accept(workspaceId: string, reviewId: string, keyId: string): Promise<MatchReview> {
    const review = await this.openReview(workspaceId, reviewId);
    const [a, b] = await Promise.all(
      review.profileIds.map((profileId) => this.liveProfileOf(workspaceId, profileId)),
    );
    if (a === undefined || b === undefined)
      throw new RangeError(`review ${reviewId} does not name two profiles`);
    const now = new Date().toISOString();
    let mergeRequestId: string | null = null;
    // Merged meanwhile (both lead to one live profile): nothing is left to ask for.
    if (a.profileId !== b.profileId) {
      const cause = {
        id: reviewId,
        workspaceId,
        occurredAt: now,
        receivedAt: now,
        correlationId: reviewId,
      };
      const request = mergeRequestOf(cause, a, b);
      await this.publisher.publish(subjects.ingest(request.payload.absorbedPartition), request);
      mergeRequestId = request.id;
    }
    return this.record(review, {
      status: 'accepted',
      decidedAt: now,
      decidedBy: keyId,
      mergeRequestId,
    });
  }

  async reject(workspaceId: string, reviewId: string, keyId: string): Promise<MatchReview> {
    const review = await this.openReview(workspaceId, reviewId);
    const now = new Date().toISOString();
    return this.record(review, {
      status: 'rejected',
      decidedAt: now,
      decidedBy: keyId,
      mergeRequestId: null,
    });
  }

  /** Profiles a person decided are not the same person as `profileId`: never match them. */
  rejectedPartnersOf(workspaceId: string, profileId: string): Promise<string[]> {
    return this.reviews.rejectedPartnersOf(workspaceId, profileId);
  }

  private async openReview(workspaceId: string, reviewId: string): Promise<MatchReview> {
    const review = await this.reviews.find(workspaceId, reviewId);
    if (review === null)
      throw new MatchingError('not_found', `no match review "${reviewId}" in this workspace`);
    if (review.status !== 'open') throw alreadyDecided(review);
    return review;
  }

  private async record(review: MatchReview, decision: ReviewDecision): Promise<MatchReview> {
    if (!(await this.reviews.decide(review.workspaceId, review.reviewId, decision))) {
      const current = await this.reviews.find(review.workspaceId, review.reviewId);
      if (current === null) throw reviewGone(review.reviewId);
      throw alreadyDecided(current);
    }
    return { ...review, ...decision };
  }

  /** Read without opening the records: only whether they exist matters here. */
  private async bothStored(workspaceId: string, profileA: string, profileB: string) {
    const partitions = await Promise.all(
      [profileA, profileB].map((profileId) => this.profiles.partitionOf(workspaceId, profileId)),
    );
    return partitions.every((partition) => partition !== null);
  }

  /** The live profile `profileId` is or was merged into; profile_gone when it was erased. */
  private async liveProfileOf(workspaceId: string, profileId: string): Promise<Profile> {
    const stored = await this.profiles.findById(workspaceId, profileId);
    if (stored === null)
      throw new MatchingError(
        'profile_gone',
        `profile ${profileId} of this review no longer exists (erased); the review can only be rejected`,
      );
    return stored.mergedInto === null ? stored : this.live.follow(workspaceId, stored.mergedInto);
  }
}

function reviewGone(reviewId: string): MatchingError {
  return new MatchingError(
    'not_found',
    `match review ${reviewId} no longer exists: a profile it named was erased meanwhile`,
  );
}

function alreadyDecided(review: MatchReview): MatchingError {
  return new MatchingError(
    'already_decided',
    `match review ${review.reviewId} was ${review.status} already${review.decidedAt === null ? '' : ` at ${review.decidedAt}`}`,
  );
}

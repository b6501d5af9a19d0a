import { Injectable, Logger } from '@nestjs/common';
import { subjects, type CallAcceptedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { LiveProfiles, ProbableMatches, type Profile } from '../profiles';
import { MatchReviewService } from './match-review.service';
import { mergeRequestOf } from './merge-request';
import { ProbabilisticMatcher } from './probabilistic-matcher';

/**
 * Resolution's probabilistic step: a profile a call just created (none of its identifiers
 * was known) is scored against the workspace's profiles by its PII. Above the upper threshold
 * the two are merged (the same two-step merge as a deterministic one, the survivor chosen by
 * survivorOrder); between the thresholds the pair is queued for review; pairs a reviewer
 * rejected are never proposed again. Repeating it changes nothing: the merge request's id and
 * the review's id are derived from the pair.
 */
@Injectable()
export class ProbableMatchResolver extends ProbableMatches {
  private readonly logger = new Logger(ProbableMatchResolver.name);

  constructor(
    private readonly matcher: ProbabilisticMatcher,
    private readonly reviews: MatchReviewService,
    private readonly live: LiveProfiles,
    private readonly publisher: JetStreamPublisher,
  ) {
    super();
  }

  async onNewProfile(cause: CallAcceptedV1, profile: Profile): Promise<void> {
    const { workspaceId, profileId } = profile;
    const rejected = await this.reviews.rejectedPartnersOf(workspaceId, profileId);
    const match = await this.matcher.match(workspaceId, profile.traits, [profileId, ...rejected]);
    if (match === null || match.profileId === null || match.decision === 'distinct') return;
    if (match.decision === 'review') {
      await this.reviews.queueReview(workspaceId, profileId, match.profileId, match);
      return;
    }
    const candidate = await this.live.follow(workspaceId, match.profileId);
    if (candidate.profileId === profileId) return;
    const request = mergeRequestOf(cause, profile, candidate);
    this.logger.log(
      `probable duplicate (weight ${match.weight.toFixed(1)}): merging ${request.payload.absorbedId} into ${request.payload.survivorId}`,
    );
    await this.publisher.publish(subjects.ingest(request.payload.absorbedPartition), request);
  }
}

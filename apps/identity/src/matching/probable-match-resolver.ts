import { Injectable, Logger } from '@nestjs/common';
import { subjects, type CallAcceptedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import {
  IdentityPolicies,
  LiveProfiles,
  ProbableMatches,
  withinLimits,
  type Profile,
} from '../profiles';
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
    private readonly policies: IdentityPolicies,
  ) {
    super();
  }

  async onNewProfile(cause: CallAcceptedV1, profile: Profile): Promise<void> {
    const { workspaceId, profileId } = profile;
    const rejected = await this.reviews.rejectedPartnersOf(workspaceId, profileId);
    const match = await this.matcher.match(workspaceId, profile.traits, [profileId, ...rejected]);
    if (match === null || match.profileId === null || match.decision === 'distinct') return;
    const candidate = await this.live.follow(workspaceId, match.profileId);
    if (candidate.profileId === profileId) return;
    if (!(await this.mayJoin(profile, candidate))) return;
    if (match.decision === 'review') {
      await this.reviews.queueReview(workspaceId, profileId, match.profileId, match);
      return;
    }
    const request = mergeRequestOf(cause, profile, candidate);
    this.logger.log(
      `probable duplicate (weight ${match.weight.toFixed(1)}): merging ${request.payload.absorbedId} into ${request.payload.survivorId}`,
    );
    await this.publisher.publish(subjects.ingest(request.payload.absorbedPartition), request);
  }

  /**
   * The workspace's identifier limits bind probable matches as they bind calls: two profiles
   * whose identifiers together exceed one (two userIds are two people) are neither merged nor
   * offered for review, however alike their PII.
   */
  private async mayJoin(profile: Profile, candidate: Profile): Promise<boolean> {
    const { limits } = await this.policies.policyFor(profile.workspaceId);
    if (withinLimits([...profile.identifiers, ...candidate.identifiers], limits)) return true;
    this.logger.log(
      `probable duplicate ${profile.profileId} ~ ${candidate.profileId} kept apart: together they would exceed an identifier limit`,
    );
    return false;
  }
}

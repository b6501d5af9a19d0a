import { Injectable } from '@nestjs/common';
import type { ProfileErasureRequestedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { ProfileErasureLedger } from '@meridian/profile-erasure';
import { MatchReviewService } from '../matching';
import { IdentifierRepository, ProfileRepository, UnprocessableEventError } from '../profiles';
import { profileErased } from './erasure-events';

/**
 * Erases one profile on the owner of its partition: its identifier claims, then the profile
 * document (traits, computed traits, timeline, message history, engagement counters, applied
 * event ids), then the match reviews naming it; then records the erasure, tells the services keeping data by profile id
 * (ProfileErasedV1, after every event of the profile on its partition), and confirms the request once
 * every profile of it is erased. Every step is safe to repeat after a crash: a redelivery
 * deletes nothing more, republishes under the same ids and keeps the first record.
 */
@Injectable()
export class ProfileErasureService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
    private readonly reviews: MatchReviewService,
    private readonly ledger: ProfileErasureLedger,
    private readonly publisher: JetStreamPublisher,
  ) {}

  /** `ownedPartition`: the partition of the consumer this command came from. */
  async erase(
    command: ProfileErasureRequestedV1,
    ownedPartition: number | undefined,
  ): Promise<void> {
    const { workspaceId } = command;
    const { requestId, profileId, partition, requestProfileIds } = command.payload;
    await this.assertSingleWriter(command, ownedPartition);
    // Claims go first: a claim left pointing at a deleted profile (a crash between the two)
    // would dead-letter every later call naming the identifier; a profile left without claims
    // is only found by this command, whose redelivery deletes it.
    const claims = await this.identifiers.releaseAllOf(workspaceId, profileId);
    const profiles = await this.profiles.delete(workspaceId, profileId);
    // After the profile: a review queued meanwhile either is deleted here or finds the
    // profile gone and deletes itself (MatchReviewService.queueReview).
    const reviews = await this.reviews.forgetProfile(workspaceId, profileId);
    // Recorded before it is announced, so a redelivery after a crash keeps this count.
    await this.ledger.record({ workspaceId, profileId, requestId }, claims + profiles + reviews);
    const { subject, event } = profileErased(command, {
      requestId,
      profileId,
      partition,
      requestProfileIds,
    });
    await this.publisher.publish(subject, event);
    await this.ledger.confirmWhenComplete(command, requestId, requestProfileIds);
  }

  /** Only the owner of the profile's partition may delete it (single writer per profile). */
  private async assertSingleWriter(
    command: ProfileErasureRequestedV1,
    ownedPartition: number | undefined,
  ): Promise<void> {
    const { workspaceId } = command;
    const { profileId, partition } = command.payload;
    const stored = await this.profiles.partitionOf(workspaceId, profileId);
    const actual = stored ?? partition;
    if (actual !== partition || actual !== ownedPartition) {
      throw new UnprocessableEventError(
        `erasure of profile "${profileId}" (workspace "${workspaceId}") arrived on partition ` +
          `${ownedPartition ?? '(none)'} for partition ${partition}, but the profile lives on ` +
          `${actual}: only the owner of its partition may erase it`,
      );
    }
  }
}

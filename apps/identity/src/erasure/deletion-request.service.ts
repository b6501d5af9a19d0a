import { Injectable, Logger } from '@nestjs/common';
import type { DataSubjectDeletionRequestedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { ProfileErasureLedger } from '@meridian/profile-erasure';
import { IdentifierRepository, ProfileRepository } from '../profiles';
import { erasureCommands, profileErased } from './erasure-events';
import { erasureTargetsOf, lookupIdentifiersOf } from './erasure-targets';

/**
 * Carries out a data-subject deletion request without writing a profile: it finds every
 * profile that the request's identifiers are indexed under or held by, with the profiles
 * merges link to those (ProfileRepository.linkedByMerges), and hands each to the
 * owner of its partition as a ProfileErasureRequestedV1 on that partition's ingest subject
 * (the owner is the profile's only writer). With no profile to erase it confirms at once, and
 * tells the services keeping data by profile id so (ProfileErasedV1 without a profile).
 * Safe to repeat: the commands' ids are deterministic, and erased profiles are not found again.
 */
@Injectable()
export class DeletionRequestService {
  private readonly logger = new Logger(DeletionRequestService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
    private readonly publisher: JetStreamPublisher,
    private readonly ledger: ProfileErasureLedger,
  ) {}

  async carryOut(request: DataSubjectDeletionRequestedV1): Promise<void> {
    const { workspaceId } = request;
    const { requestId, identifiers } = request.payload;
    const lookups = lookupIdentifiersOf(identifiers);
    // Profiles holding an identifier whose claim another profile won (a race between
    // partitions) are not in the index under it, so the profiles themselves are searched too.
    const holders = await this.profiles.findHolding(workspaceId, lookups);
    const claims = await this.identifiers.findAll(workspaceId, lookups);
    const found = erasureTargetsOf([...holders, ...claims]);
    // Profiles merged into the person's, or the person's merged into another, are the person's
    // too, even when they hold none of the request's identifiers.
    const linked = await this.profiles.linkedByMerges(
      workspaceId,
      found.map((target) => target.profileId),
    );
    const targets = erasureTargetsOf([...found, ...linked]);
    if (targets.length === 0 && (await this.ledger.confirmAgain(request, requestId))) {
      // A redelivery after the owners erased every profile: confirmed as then. Telling the
      // other services the request matched nobody would let them confirm too early.
      this.logger.log(`deletion request ${requestId}: carried out before; confirmed again`);
      return;
    }
    if (targets.length === 0) {
      this.logger.log(`deletion request ${requestId}: no profile in ${workspaceId}; confirming`);
      const { subject, event } = profileErased(request, {
        requestId,
        profileId: null,
        partition: 0,
        requestProfileIds: [],
      });
      await this.publisher.publish(subject, event);
      await this.ledger.confirmWhenComplete(request, requestId, []);
      return;
    }
    const partitions = [...new Set(targets.map((target) => target.partition))].join(', ');
    this.logger.log(
      `deletion request ${requestId}: erasing ${targets.length} profile(s) on partition(s) ${partitions}`,
    );
    await this.publisher.publishMany(erasureCommands(request, targets));
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { subjects, type ProfileScoresUpdatedV2 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import {
  changeToRepublish,
  hasApplied,
  LiveProfiles,
  profileUpdatedEvent,
  ProfileRepository,
  passedOnEnvelope,
  writerPartition,
  type Profile,
  type ProfileChange,
} from '../profiles';
import { applyScores, type ScoresCommand } from './apply-scores';

/**
 * Writes scoring's scores and segments on golden records, on the partition consumer that owns
 * the profile (identity-ingest), in order with its calls. A profile merged away is followed to
 * its survivor; when that lives on another partition the command is passed on there. Idempotent
 * per command id (the profile's applied-event window), guarded by revision, announced with
 * ProfileUpdatedV1.
 */
@Injectable()
export class ScoreRecordingService {
  private readonly logger = new Logger(ScoreRecordingService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly live: LiveProfiles,
    private readonly publisher: JetStreamPublisher,
  ) {}

  /** `ownedPartition`: the partition of the consumer the command came from. */
  async record(command: ScoresCommand, ownedPartition: number | undefined): Promise<void> {
    const writer = writerPartition(command, ownedPartition);
    const profile = await this.live.follow(command.workspaceId, command.payload.profileId);
    if (profile.partition !== writer) {
      await this.passOn(command, profile);
      return;
    }
    if (hasApplied(profile, command.id)) {
      await this.announce(profile, command, changeToRepublish(profile, command.id).changes);
      return;
    }
    const outcome = applyScores(profile, command, new Date().toISOString());
    if (outcome.kind === 'unchanged') {
      this.logger.debug(
        `${command.id} changes nothing on profile ${profile.profileId}: its scores and segments are as new already`,
      );
      return;
    }
    await this.profiles.save(outcome.profile);
    await this.announce(outcome.profile, command, outcome.changes);
  }

  private async announce(
    profile: Profile,
    command: ScoresCommand,
    changes: ProfileChange[],
  ): Promise<void> {
    const updated = profileUpdatedEvent(profile, command, { created: false, changes });
    await this.publisher.publish(subjects.profileUpdated(profile.partition), updated);
  }

  /** Passes the command to the writer of the partition the (surviving) profile lives on. */
  private async passOn(command: ScoresCommand, target: Profile): Promise<void> {
    const { hops } = command.payload;
    // Passed on as v2 (a v1 command's RFM is none), which every identity instance reads.
    const passed: ProfileScoresUpdatedV2 = {
      ...passedOnEnvelope(command, hops, target),
      type: 'profile.scores.updated',
      version: 2,
      payload: {
        rfm: null,
        ...command.payload,
        profileId: target.profileId,
        partition: target.partition,
        hops: hops + 1,
      },
    };
    await this.publisher.publish(subjects.ingest(target.partition), passed);
  }
}

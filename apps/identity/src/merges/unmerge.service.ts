import { Injectable, Logger } from '@nestjs/common';
import {
  subjects,
  type IdentifierRemovalRequestedV1,
  type ProfileRestoreRequestedV1,
  type ProfileUnmergeRequestedV1,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import {
  changeToRepublish,
  containsIdentifier,
  derivedEventId,
  envelopeCausedBy,
  hasApplied,
  IdentifierRepository,
  LiveProfiles,
  normalizeIdentifier,
  prependBounded,
  PROFILE_LIMITS,
  profileUpdatedEvent,
  ProfileRepository,
  UnprocessableEventError,
  type Cause,
  type LastChange,
  type Profile,
  type ProfileChange,
} from '../profiles';
import { unmergeProfile } from './unmerge-profile';

/**
 * Corrections an operator asks for, each carried out by the writer of the profile it changes:
 * unmerge (the survivor's writer takes the absorbed part out and hands its identifiers back,
 * then the absorbed profile's writer makes it live again) and the removal of one identifier.
 * Every step is idempotent (the profile's applied-event window holds the command's id).
 */
@Injectable()
export class UnmergeService {
  private readonly logger = new Logger(UnmergeService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
    private readonly publisher: JetStreamPublisher,
    private readonly live: LiveProfiles,
  ) {}

  async unmerge(request: ProfileUnmergeRequestedV1): Promise<void> {
    const { workspaceId, payload } = request;
    const survivor = await this.existing(workspaceId, payload.survivorId);
    if (hasApplied(survivor, request.id)) {
      await this.announce(request, survivor, changeToRepublish(survivor, request.id));
      return;
    }
    const record = survivor.mergeHistory.find((entry) => entry.absorbedId === payload.absorbedId);
    if (record === undefined) {
      throw new UnprocessableEventError(
        `profile ${payload.absorbedId} is not among the merges profile ${survivor.profileId} remembers`,
      );
    }
    const absorbed = await this.existing(workspaceId, payload.absorbedId);
    // Claims first, then the absorbed profile's restore, then the survivor: a crash before the
    // survivor's write repeats the first two, which change nothing the second time.
    await this.identifiers.moveSome(
      workspaceId,
      record.addedIdentifiers,
      survivor.profileId,
      absorbed,
    );
    await this.publisher.publish(subjects.ingest(absorbed.partition), {
      ...envelopeCausedBy(request, derivedEventId(request.id, 'restore')),
      type: 'profile.restore.requested',
      payload: {
        absorbedId: absorbed.profileId,
        partition: absorbed.partition,
        survivorId: survivor.profileId,
      },
    } satisfies ProfileRestoreRequestedV1);
    const now = new Date().toISOString();
    const { profile, changes } = unmergeProfile(survivor, record, absorbed, request.id, now);
    await this.profiles.save(profile);
    await this.announce(request, profile, { created: false, changes });
  }

  async restore(request: ProfileRestoreRequestedV1): Promise<void> {
    const { workspaceId, payload } = request;
    const absorbed = await this.existing(workspaceId, payload.absorbedId);
    if (hasApplied(absorbed, request.id)) {
      await this.announce(request, absorbed, changeToRepublish(absorbed, request.id));
      return;
    }
    if (!(await this.leadsTo(absorbed, payload.survivorId))) {
      this.logger.warn(
        `restore ${request.id}: profile ${absorbed.profileId} is not merged into ${payload.survivorId}; nothing to do`,
      );
      return;
    }
    const changes: ProfileChange[] = [{ path: 'mergedInto', value: null }];
    const restored: Profile = {
      ...withChange(absorbed, request.id, changes),
      mergedInto: null,
      separatedFrom: [...new Set([...absorbed.separatedFrom, payload.survivorId])],
    };
    await this.profiles.save(restored);
    await this.announce(request, restored, { created: false, changes });
  }

  /**
   * Whether a retired profile's merges lead to `survivorId`: directly, or through a survivor
   * merged on since (its data was passed on to the end of the chain, which keeps the record).
   */
  private async leadsTo(absorbed: Profile, survivorId: string): Promise<boolean> {
    if (absorbed.mergedInto === null) return false;
    if (absorbed.mergedInto === survivorId) return true;
    const live = await this.live.follow(absorbed.workspaceId, absorbed.mergedInto);
    return live.profileId === survivorId;
  }

  async removeIdentifier(request: IdentifierRemovalRequestedV1): Promise<void> {
    const { workspaceId, payload } = request;
    const profile = await this.existing(workspaceId, payload.profileId);
    const identifier = normalizeIdentifier(payload.identifier);
    if (profile.mergedInto !== null) {
      throw new UnprocessableEventError(
        `profile ${profile.profileId} was merged into ${profile.mergedInto}: remove the identifier there`,
      );
    }
    let current = profile;
    if (!hasApplied(profile, request.id)) {
      const identifiers = profile.identifiers.filter(
        (held) => !containsIdentifier([identifier], held),
      );
      const changes = [{ path: 'identifiers', value: identifiers }];
      current = { ...withChange(profile, request.id, changes), identifiers };
      await this.profiles.save(current);
    }
    // After the write: a crash in between leaves a claim the redelivery releases.
    await this.identifiers.release(workspaceId, identifier, profile.profileId);
    await this.announce(request, current, changeToRepublish(current, request.id));
  }

  private async existing(workspaceId: string, profileId: string): Promise<Profile> {
    const profile = await this.profiles.findById(workspaceId, profileId);
    if (profile === null)
      throw new UnprocessableEventError(`profile ${profileId} does not exist in ${workspaceId}`);
    return profile;
  }

  private async announce(
    cause: Cause,
    profile: Profile,
    change: Pick<LastChange, 'created' | 'changes'>,
  ): Promise<void> {
    await this.publisher.publish(
      subjects.profileUpdated(profile.partition),
      profileUpdatedEvent(profile, cause, change),
    );
  }
}

/** The profile one revision on, with the command in its idempotency window. */
function withChange(profile: Profile, eventId: string, changes: ProfileChange[]): Profile {
  return {
    ...profile,
    appliedEventIds: prependBounded(
      profile.appliedEventIds,
      eventId,
      PROFILE_LIMITS.appliedEventIds,
    ),
    lastChange: { eventId, created: false, changes },
    revision: profile.revision + 1,
    updatedAt: new Date().toISOString(),
  };
}

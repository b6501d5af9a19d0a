import { Injectable, Logger } from '@nestjs/common';
import {
  JsonObject,
  subjects,
  type IdentityMergedV1,
  type ProfileAbsorbRequestedV1,
  type ProfileMergeRequestedV1,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import {
  candidateOf,
  changeToRepublish,
  derivedEventId,
  envelopeCausedBy as causedBy,
  hasApplied,
  IdentifierRepository,
  IdentityPolicies,
  LiveProfiles,
  prependBounded,
  Profile,
  PROFILE_LIMITS,
  profileUpdatedEvent,
  ProfileRepository,
  survivorOrder,
  UnprocessableEventError,
  type Cause,
} from '../profiles';
import { absorbProfile } from './absorb-profile';
import { mergeRecordOf, remembering } from './unmerge-profile';

/** How often an absorption may follow a survivor that was itself merged meanwhile. */
const MAX_ABSORB_HOPS = 8;

/**
 * Carries out merges in two steps, each on the partition that owns the profile it writes:
 * `retire` (absorbed profile's partition) points the absorbed profile at the survivor, hands
 * its identifier claims over and sends its data on; `absorb` (survivor's partition) folds the
 * data in under the survivorship rules and publishes identity.merged. Both are idempotent, and
 * the survivor of a pair is decided by survivorOrder on both sides, so merges never circle.
 */
@Injectable()
export class MergeService {
  private readonly logger = new Logger(MergeService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
    private readonly live: LiveProfiles,
    private readonly policies: IdentityPolicies,
    private readonly publisher: JetStreamPublisher,
  ) {}

  async retire(request: ProfileMergeRequestedV1): Promise<void> {
    const { workspaceId, payload } = request;
    const absorbed = await this.profiles.findById(workspaceId, payload.absorbedId);
    if (absorbed === null) {
      this.logger.warn(`merge ${request.id}: profile ${payload.absorbedId} no longer exists`);
      return;
    }
    const survivor = await this.live.follow(workspaceId, payload.survivorId);
    if (survivor.profileId === absorbed.profileId) return; // merged the other way already
    if (absorbed.mergedInto !== null && absorbed.mergedInto !== survivor.profileId) {
      // Retired already: by this request before a crash (its survivor may have been merged on
      // since, so the chain is followed), or into a third profile meanwhile, which is then one
      // person with the survivor too.
      const current = await this.live.follow(workspaceId, absorbed.mergedInto);
      if (current.profileId !== survivor.profileId) {
        await this.requestMerge(request, survivor, current);
        return;
      }
    }
    if (absorbed.mergedInto === null) {
      if (survivorOrder(candidateOf(absorbed), candidateOf(survivor)) < 0) {
        // The survivor changed since the plan (it was merged itself): the order decides anew.
        await this.requestMerge(request, absorbed, survivor);
        return;
      }
      await this.profiles.save(retired(absorbed, survivor, request.id));
    }
    await this.identifiers.moveAll(workspaceId, absorbed.profileId, survivor);
    await this.sendData(request, absorbed, survivor, 0);
  }

  async absorb(request: ProfileAbsorbRequestedV1): Promise<void> {
    const { workspaceId, payload } = request;
    const survivor = await this.profiles.findById(workspaceId, payload.survivorId);
    if (survivor === null) {
      throw new UnprocessableEventError(
        `profile ${payload.absorbedId} was merged into ${payload.survivorId}, which does not exist in workspace ${workspaceId}`,
      );
    }
    const absorbed = Profile.parse(payload.record);
    if (survivor.mergedInto !== null) {
      await this.passOn(request, absorbed, await this.live.follow(workspaceId, survivor.profileId));
      return;
    }
    if (hasApplied(survivor, request.id)) {
      await this.announce(request, survivor, absorbed, changeToRepublish(survivor, request.id));
      return;
    }
    const now = new Date().toISOString();
    const { survivorship } = await this.policies.policyFor(workspaceId);
    const merged = absorbProfile(survivor, absorbed, request.id, survivorship, now);
    const record = mergeRecordOf(survivor, merged.profile, absorbed, request.id, now);
    await this.profiles.save(remembering(merged.profile, record));
    await this.announce(request, merged.profile, absorbed, {
      created: false,
      changes: merged.changes,
    });
  }

  private async requestMerge(cause: Cause, a: Profile, b: Profile): Promise<void> {
    const [survivor, absorbed] =
      survivorOrder(candidateOf(a), candidateOf(b)) <= 0 ? [a, b] : [b, a];
    const request: ProfileMergeRequestedV1 = {
      ...causedBy(cause, derivedEventId(`${absorbed.profileId}>${survivor.profileId}`, 'merge')),
      type: 'profile.merge.requested',
      payload: {
        survivorId: survivor.profileId,
        survivorPartition: survivor.partition,
        absorbedId: absorbed.profileId,
        absorbedPartition: absorbed.partition,
      },
    };
    await this.publisher.publish(subjects.ingest(absorbed.partition), request);
  }

  private async sendData(cause: Cause, absorbed: Profile, survivor: Profile, hops: number) {
    const command: ProfileAbsorbRequestedV1 = {
      ...causedBy(cause, derivedEventId(`${absorbed.profileId}>${survivor.profileId}`, 'absorb')),
      type: 'profile.absorb.requested',
      payload: {
        survivorId: survivor.profileId,
        partition: survivor.partition,
        absorbedId: absorbed.profileId,
        absorbedPartition: absorbed.partition,
        identifiers: absorbed.identifiers,
        // The data as it was before retirement: live, so the survivor's writer can read it back.
        record: JsonObject.parse({ ...absorbed, mergedInto: null }),
        hops,
      },
    };
    await this.publisher.publish(subjects.ingest(survivor.partition), command);
  }

  /** The survivor was merged into `next` meanwhile: the data goes there instead. */
  private async passOn(request: ProfileAbsorbRequestedV1, absorbed: Profile, next: Profile) {
    if (next.profileId === absorbed.profileId || request.payload.hops >= MAX_ABSORB_HOPS) {
      throw new UnprocessableEventError(
        `cannot absorb ${absorbed.profileId}: its survivor ${request.payload.survivorId} leads to ${next.profileId} after ${request.payload.hops} hops`,
      );
    }
    await this.sendData(request, absorbed, next, request.payload.hops + 1);
  }

  private async announce(
    cause: Cause,
    survivor: Profile,
    absorbed: Profile,
    change: Parameters<typeof profileUpdatedEvent>[2],
  ): Promise<void> {
    const merged: IdentityMergedV1 = {
      ...causedBy(cause, derivedEventId(cause.id, 'merged')),
      type: 'identity.merged',
      payload: {
        survivorId: survivor.profileId,
        absorbedId: absorbed.profileId,
        partition: survivor.partition,
        identifiers: survivor.identifiers,
      },
    };
    await this.publisher.publish(subjects.identityMerged(survivor.partition), merged);
    await this.publisher.publish(
      subjects.profileUpdated(survivor.partition),
      profileUpdatedEvent(survivor, cause, change),
    );
  }
}

/** The absorbed profile, retired: it points at the survivor and keeps its data until absorbed. */
function retired(absorbed: Profile, survivor: Profile, requestId: string): Profile {
  const change = { path: 'mergedInto', value: survivor.profileId };
  return {
    ...absorbed,
    mergedInto: survivor.profileId,
    appliedEventIds: prependBounded(
      absorbed.appliedEventIds,
      requestId,
      PROFILE_LIMITS.appliedEventIds,
    ),
    lastChange: { eventId: requestId, created: false, changes: [change] },
    revision: absorbed.revision + 1,
    updatedAt: new Date().toISOString(),
  };
}

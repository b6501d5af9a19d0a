import { Injectable, Logger } from '@nestjs/common';
import { subjects, type CallAcceptedV1, type Identifier } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { applyCall, assertStorableCall, hasApplied } from './apply-call';
import { UnprocessableEventError } from './errors';
import { IdentifierRepository } from './identifier.repository';
import { containsIdentifier, identifiersOfCall, profileIdFor } from './identifiers';
import { changeToRepublish, resolutionEvents } from './outgoing-events';
import { emptyProfile, type LastChange, type Profile } from './profile.model';
import { ProfileRepository } from './profile.repository';
import { resolveIdentity, type IdentifierClaim } from './resolve-identity';

/**
 * Resolves accepted calls to golden records: find (or create) the profile, apply the call,
 * write it guarded by revision, claim its identifiers, then publish EventsResolvedV1 and
 * ProfileUpdatedV1. Runs on the partition's single consumer, so no two calls of one
 * profile are applied at once; every step is safe to repeat after a crash.
 */
@Injectable()
export class CallResolutionService {
  private readonly logger = new Logger(CallResolutionService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
    private readonly publisher: JetStreamPublisher,
  ) {}

  async resolve(event: CallAcceptedV1): Promise<void> {
    const { call, partition } = event.payload;
    assertStorableCall(call);
    const now = new Date().toISOString();
    const callIdentifiers = identifiersOfCall(call);
    const claims = await this.identifiers.findAll(event.workspaceId, callIdentifiers);
    const resolution = resolveIdentity(callIdentifiers, claims, partition);
    const found = await this.loadProfile(event, resolution.profileId, now);

    let profile: Profile;
    let change: Pick<LastChange, 'created' | 'changes'>;
    if (hasApplied(found, event.id)) {
      // A redelivery: the write happened; finish what may not have (claims, publishes).
      profile = found;
      change = changeToRepublish(found, event.id);
      this.logger.debug(`${event.id} was already applied to ${found.profileId}; republishing`);
    } else {
      const applied = applyCall(found, event, resolution.attach, now);
      await this.profiles.save(applied.profile);
      profile = applied.profile;
      change = { created: found.revision === 0, changes: applied.changes };
    }

    const ownIdentifiers = resolution.attach.filter((identifier) =>
      containsIdentifier(profile.identifiers, identifier),
    );
    const lostRaces = await this.claimIdentifiers(profile, ownIdentifiers, now);
    this.warnMergeNeeded(profile, [...resolution.claimedElsewhere, ...lostRaces]);

    const { resolved, updated } = resolutionEvents(profile, event, change);
    await this.publisher.publish(subjects.eventsResolved(profile.partition), resolved);
    await this.publisher.publish(subjects.profileUpdated(profile.partition), updated);
  }

  /**
   * The profile an identifier points at, or else the profile this event creates: its id is
   * derived from the event, so after a crash the redelivery finds what the first try stored.
   */
  private async loadProfile(
    event: CallAcceptedV1,
    profileId: string | null,
    now: string,
  ): Promise<Profile> {
    const { workspaceId } = event;
    if (profileId !== null) {
      const profile = await this.profiles.findById(workspaceId, profileId);
      if (profile === null) {
        throw new UnprocessableEventError(
          `the identifier index points at profile "${profileId}", which does not exist in workspace "${workspaceId}"`,
        );
      }
      return profile;
    }
    const createdId = profileIdFor(workspaceId, event.id);
    const created = await this.profiles.findById(workspaceId, createdId);
    return (
      created ??
      emptyProfile({ profileId: createdId, workspaceId, partition: event.payload.partition, now })
    );
  }

  /** Claims each identifier for the profile; returns those another profile claimed first. */
  private async claimIdentifiers(
    profile: Profile,
    identifiers: readonly Identifier[],
    now: string,
  ): Promise<IdentifierClaim[]> {
    const lost: IdentifierClaim[] = [];
    for (const identifier of identifiers) {
      const holder = await this.identifiers.claim(profile.workspaceId, identifier, profile, now);
      if (holder.profileId !== profile.profileId) lost.push(holder);
    }
    return lost;
  }

  private warnMergeNeeded(profile: Profile, claims: readonly IdentifierClaim[]): void {
    for (const claim of claims) {
      this.logger.warn(
        `merge needed: profile ${profile.profileId} (partition ${profile.partition}) and profile ` +
          `${claim.profileId} (partition ${claim.partition}) share a ${claim.identifier.type} ` +
          `in workspace ${profile.workspaceId}`,
      );
    }
  }
}

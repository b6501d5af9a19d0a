import { Injectable, Logger } from '@nestjs/common';
import {
  subjects,
  type CallAcceptedV1,
  type CallRoutedV1,
  type Identifier,
  type ProfileMergeRequestedV1,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { applyCall, assertStorableCall, hasApplied } from './apply-call';
import { IdentifierRepository } from './identifier.repository';
import { containsIdentifier, identifiersOfCall, profileIdFor } from './identifiers';
import { LiveProfiles } from './live-profiles';
import { IdentityPolicies } from './identity-policy';
import { planMerge, type CandidateProfile } from './merge-plan';
import { ProbableMatches } from './probable-matches';
import { changeToRepublish, derivedEventId, resolutionEvents } from './outgoing-events';
import { passedOnEnvelope } from './pass-on';
import { emptyProfile, type LastChange, type Profile } from './profile.model';
import { ProfileRepository } from './profile.repository';
import type { IdentifierClaim } from './identifier.repository';

/**
 * Resolves accepted calls to golden records: plan what the call's identifiers mean (which
 * profile, which merges, which identifiers to drop under the limits), pass the call on when
 * its profile lives on another partition, else apply it, write it guarded by revision, claim
 * its identifiers, ask the partitions of the profiles it proves to be the same person to merge
 * them in, and publish EventsResolvedV1 and ProfileUpdatedV1. Runs on the partition's single
 * consumer, so no two calls of one profile are applied at once; every step is safe to repeat.
 */
@Injectable()
export class CallResolutionService {
  private readonly logger = new Logger(CallResolutionService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
    private readonly live: LiveProfiles,
    private readonly policies: IdentityPolicies,
    private readonly probableMatches: ProbableMatches,
    private readonly publisher: JetStreamPublisher,
  ) {}

  /** `hops`: how often the call was passed on already (0 when it comes from ingestion). */
  async resolve(event: CallAcceptedV1, hops = 0): Promise<void> {
    const { call, partition } = event.payload;
    assertStorableCall(call);
    const now = new Date().toISOString();
    const policy = await this.policies.policyFor(event.workspaceId);
    const callIdentifiers = identifiersOfCall(call, policy.blocked);
    const owners = await this.live.owners(event.workspaceId, callIdentifiers);
    const plan = planMerge(callIdentifiers, owners.ownerOf, policy.limits, policy.priorityOf);
    if (plan.target !== null && plan.target.partition !== partition) {
      await this.route(event, plan.target, hops);
      return;
    }
    const found =
      (plan.target === null ? null : owners.profile(plan.target.profileId)) ??
      (await this.createdBy(event, now));

    let profile: Profile;
    let change: Pick<LastChange, 'created' | 'changes'>;
    if (hasApplied(found, event.id)) {
      // A redelivery: the write happened; finish what may not have (claims, merges, publishes).
      profile = found;
      change = changeToRepublish(found, event.id);
    } else {
      const applied = applyCall(found, event, plan.attach, now, policy.survivorship);
      await this.profiles.save(applied.profile);
      profile = applied.profile;
      change = { created: found.revision === 0, changes: applied.changes };
    }

    // Claims the index already gives this profile are not claimed again (a store write each).
    const toClaim = plan.attach.filter(
      (identifier) =>
        containsIdentifier(profile.identifiers, identifier) &&
        owners.ownerOf(identifier)?.profileId !== profile.profileId,
    );
    this.warnLostRaces(profile, await this.claimIdentifiers(profile, toClaim, now));
    for (const absorbed of plan.absorb) await this.requestMerge(event, profile, absorbed);
    // No identifier was known: the PII may still say whose it is (probabilistic matching).
    if (plan.target === null && call.type === 'identify')
      await this.probableMatches.onNewProfile(event, profile);

    const { resolved, updated } = resolutionEvents(profile, event, change);
    await this.publisher.publish(subjects.eventsResolved(profile.partition), resolved);
    await this.publisher.publish(subjects.profileUpdated(profile.partition), updated);
  }

  /**
   * The profile this event creates, or created before a crash: its id is derived from the
   * event, so the redelivery finds what the first try stored.
   */
  private async createdBy(event: CallAcceptedV1, now: string): Promise<Profile> {
    const { workspaceId } = event;
    const profileId = profileIdFor(workspaceId, event.id);
    const created = await this.profiles.findById(workspaceId, profileId);
    return (
      created ?? emptyProfile({ profileId, workspaceId, partition: event.payload.partition, now })
    );
  }

  /** Passes the call to the writer of the partition its profile lives on. */
  private async route(event: CallAcceptedV1, target: CandidateProfile, hops: number) {
    const routed: CallRoutedV1 = {
      ...passedOnEnvelope(event, hops, target),
      type: 'call.routed',
      payload: {
        partition: target.partition,
        hops: hops + 1,
        call: { ...event, payload: { ...event.payload, partition: target.partition } },
      },
    };
    await this.publisher.publish(subjects.ingest(target.partition), routed);
  }

  /** Asks the absorbed profile's writer to retire it into `survivor` (ProfileMergeRequestedV1). */
  private async requestMerge(cause: CallAcceptedV1, survivor: Profile, absorbed: CandidateProfile) {
    const request: ProfileMergeRequestedV1 = {
      id: derivedEventId(`${absorbed.profileId}>${survivor.profileId}`, 'merge'),
      type: 'profile.merge.requested',
      version: 1,
      workspaceId: survivor.workspaceId,
      occurredAt: cause.occurredAt,
      receivedAt: cause.receivedAt,
      correlationId: cause.correlationId,
      causationId: cause.id,
      payload: {
        survivorId: survivor.profileId,
        survivorPartition: survivor.partition,
        absorbedId: absorbed.profileId,
        absorbedPartition: absorbed.partition,
      },
    };
    await this.publisher.publish(subjects.ingest(absorbed.partition), request);
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

  /**
   * Another partition claimed one of the identifiers between this call's plan and its claim:
   * the two profiles are one person, merged by the next call that carries both identifiers.
   */
  private warnLostRaces(profile: Profile, claims: readonly IdentifierClaim[]): void {
    for (const claim of claims) {
      this.logger.warn(
        `profile ${profile.profileId} (partition ${profile.partition}) lost the claim of a ` +
          `${claim.identifier.type} to profile ${claim.profileId} (partition ${claim.partition}) ` +
          `in workspace ${profile.workspaceId}; the next call carrying both merges them`,
      );
    }
  }
}

import {
  derivedEventId,
  type CallAcceptedV1,
  type EnvelopeHeader,
  type EventsResolvedV1,
  type JsonObject,
  type ProfileUpdatedV1,
} from '@meridian/contracts';
import type { LastChange, Profile, ProfileChange } from './profile.model';

// Identity's modules take the derived ids from here, with the envelopes built on them.
export { derivedEventId };

export type Cause = Pick<
  EnvelopeHeader,
  'id' | 'workspaceId' | 'occurredAt' | 'receivedAt' | 'correlationId'
>;

/** Envelope fields of an event caused by `cause`: same chain, same workspace, same times. */
function causedBy(cause: Cause, suffix: string) {
  return envelopeCausedBy(cause, derivedEventId(cause.id, suffix));
}

/** Envelope fields (all but type and payload) of an event `id` caused by `cause`. */
export function envelopeCausedBy(cause: Cause, id: string) {
  return {
    id,
    version: 1 as const,
    workspaceId: cause.workspaceId,
    occurredAt: cause.occurredAt,
    receivedAt: cause.receivedAt,
    correlationId: cause.correlationId,
    causationId: cause.id,
  };
}

export function changesObject(changes: readonly ProfileChange[]): JsonObject {
  return Object.fromEntries(changes.map((change) => [change.path, change.value]));
}

/** ProfileUpdatedV1 for the change an event made, its id derived from that event's id. */
export function profileUpdatedEvent(
  profile: Profile,
  cause: Cause,
  change: Pick<LastChange, 'created' | 'changes'>,
): ProfileUpdatedV1 {
  return {
    ...causedBy(cause, 'profile-updated'),
    type: 'profile.updated',
    payload: {
      profileId: profile.profileId,
      partition: profile.partition,
      revision: profile.revision,
      created: change.created,
      changes: changesObject(change.changes),
    },
  };
}

/**
 * The change to republish for an event found in the idempotency window. The last applied
 * event's change is stored, so a crash between write and publish republishes it exactly; an
 * older event's change is gone, and its copy (same id) only stands in for a lost original.
 */
export function changeToRepublish(
  profile: Profile,
  eventId: string,
): Pick<LastChange, 'created' | 'changes'> {
  if (profile.lastChange?.eventId === eventId) return profile.lastChange;
  return { created: false, changes: [] };
}

/** EventsResolvedV1 and ProfileUpdatedV1 for a call applied to (or found on) `profile`. */
export function resolutionEvents(
  profile: Profile,
  event: CallAcceptedV1,
  change: Pick<LastChange, 'created' | 'changes'>,
): { resolved: EventsResolvedV1; updated: ProfileUpdatedV1 } {
  const resolved: EventsResolvedV1 = {
    ...causedBy(event, 'resolved'),
    type: 'events.resolved',
    payload: {
      profileId: profile.profileId,
      partition: profile.partition,
      call: event.payload.call,
      profile: {
        traits: profile.traits,
        identifiers: profile.identifiers,
        revision: profile.revision,
      },
    },
  };
  return { resolved, updated: profileUpdatedEvent(profile, event, change) };
}

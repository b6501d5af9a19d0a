/**
 * The scoring features of one profile. Trivial on purpose (how many events, the latest event
 * time) — the point is the update discipline: idempotent on redelivery, single writer per
 * profile, read-modify-write guarded by `revision`.
 */
export interface ProfileFeatures {
  /** `${workspaceId}|${profileId}`: one document per profile, found without an extra index. */
  readonly _id: string;
  readonly workspaceId: string;
  readonly profileId: string;
  readonly eventCount: number;
  readonly lastEventAt: Date;
  /** Ids of the latest applied events, newest last, so a redelivered event is not counted twice. */
  readonly appliedEventIds: readonly string[];
  /** 1 after the first event; each save increments it and requires the value it read. */
  readonly revision: number;
}

/**
 * How many applied event ids a profile remembers. JetStream redelivers within the consumer's
 * ack wait and max deliveries, and a partition is consumed in order, so a redelivered event
 * is always among the latest few hundred applied to its profile.
 */
export const APPLIED_EVENT_IDS_LIMIT = 200;

/** The part of a resolved event the features depend on. */
export interface FeatureEvent {
  readonly id: string;
  readonly workspaceId: string;
  readonly profileId: string;
  /** When the event happened (event time, corrected by ingestion). */
  readonly occurredAt: Date;
}

export function profileFeaturesId(workspaceId: string, profileId: string): string {
  return `${workspaceId}|${profileId}`;
}

/**
 * The features after one more event, or null when the event was already applied (a
 * redelivery). `lastEventAt` only moves forward: events of a profile may arrive out of
 * event-time order.
 */
export function applyEvent(
  current: ProfileFeatures | null,
  event: FeatureEvent,
): ProfileFeatures | null {
  if (current === null) {
    return {
      _id: profileFeaturesId(event.workspaceId, event.profileId),
      workspaceId: event.workspaceId,
      profileId: event.profileId,
      eventCount: 1,
      lastEventAt: event.occurredAt,
      appliedEventIds: [event.id],
      revision: 1,
    };
  }
  if (current.appliedEventIds.includes(event.id)) return null;
  return {
    ...current,
    eventCount: current.eventCount + 1,
    lastEventAt: event.occurredAt > current.lastEventAt ? event.occurredAt : current.lastEventAt,
    appliedEventIds: [...current.appliedEventIds, event.id].slice(-APPLIED_EVENT_IDS_LIMIT),
    revision: current.revision + 1,
  };
}

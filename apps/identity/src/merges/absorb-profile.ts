import {
  containsIdentifier,
  PROFILE_LIMITS,
  survivingTraits,
  type ChannelEngagement,
  type ComputedTraits,
  type EventCount,
  type MessageHistoryEntry,
  type Profile,
  type ProfileChange,
  type SurvivorshipRules,
  type TimelineEntry,
} from '../profiles';

export interface Absorption {
  readonly profile: Profile;
  readonly changes: ProfileChange[];
}

/**
 * The survivor after taking in an absorbed profile of the same person: identifiers united,
 * traits decided one by one under the survivorship rules (with their lineage), counters
 * added, first and last seen widened, timeline and message history interleaved by time and
 * bounded, the idempotency windows united with the merge's own id. Pure; `now` stamps it.
 */
export function absorbProfile(
  survivor: Profile,
  absorbed: Profile,
  mergeEventId: string,
  rules: SurvivorshipRules,
  now: string,
): Absorption {
  const changes: ProfileChange[] = [];
  const identifiers = [...survivor.identifiers];
  for (const identifier of absorbed.identifiers)
    if (!containsIdentifier(identifiers, identifier)) identifiers.push(identifier);
  if (identifiers.length !== survivor.identifiers.length)
    changes.push({ path: 'identifiers', value: identifiers });

  const traits = survivingTraits(
    rules,
    { traits: survivor.traits, lineage: survivor.traitLineage },
    { traits: absorbed.traits, lineage: absorbed.traitLineage },
  );
  for (const trait of traits.changed)
    changes.push({ path: `traits.${trait}`, value: traits.traits[trait] });

  const computed = addComputed(survivor.computed, absorbed.computed);
  changes.push({ path: 'computed', value: computed });

  const profile: Profile = {
    ...survivor,
    identifiers,
    traits: traits.traits,
    traitLineage: traits.lineage,
    computed,
    timeline: newestFirst(survivor.timeline, absorbed.timeline, timelineTime).slice(
      0,
      PROFILE_LIMITS.timeline,
    ),
    messages: newestFirst(survivor.messages, absorbed.messages, messageTime).slice(
      0,
      PROFILE_LIMITS.messages,
    ),
    appliedEventIds: [
      mergeEventId,
      ...new Set([...survivor.appliedEventIds, ...absorbed.appliedEventIds]),
    ].slice(0, PROFILE_LIMITS.appliedEventIds),
    lastChange: { eventId: mergeEventId, created: false, changes },
    revision: survivor.revision + 1,
    createdAt: absorbed.createdAt < survivor.createdAt ? absorbed.createdAt : survivor.createdAt,
    updatedAt: now,
  };
  return { profile, changes };
}

function addComputed(a: ComputedTraits, b: ComputedTraits): ComputedTraits {
  return {
    eventCounts: addCounts(a.eventCounts, b.eventCounts),
    firstSeenAt: earliest(a.firstSeenAt, b.firstSeenAt),
    lastSeenAt: latest(a.lastSeenAt, b.lastSeenAt),
    engagement: addEngagement(a.engagement, b.engagement),
  };
}

function addCounts(a: readonly EventCount[], b: readonly EventCount[]): EventCount[] {
  const counts = new Map(a.map((entry) => [entry.name, entry.count]));
  for (const entry of b) counts.set(entry.name, (counts.get(entry.name) ?? 0) + entry.count);
  return [...counts].map(([name, count]) => ({ name, count }));
}

function addEngagement(
  a: readonly ChannelEngagement[],
  b: readonly ChannelEngagement[],
): ChannelEngagement[] {
  const byChannel = new Map(a.map((entry) => [entry.channel, entry]));
  for (const entry of b) {
    const held = byChannel.get(entry.channel);
    byChannel.set(
      entry.channel,
      held === undefined
        ? entry
        : {
            channel: entry.channel,
            sent: held.sent + entry.sent,
            delivered: held.delivered + entry.delivered,
            opened: held.opened + entry.opened,
            clicked: held.clicked + entry.clicked,
            failed: held.failed + entry.failed,
          },
    );
  }
  return [...byChannel.values()];
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  return b === null || a <= b ? a : b;
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  return b === null || a >= b ? a : b;
}

const timelineTime = (entry: TimelineEntry) => entry.timestamp;
const messageTime = (entry: MessageHistoryEntry) => entry.at;

/** Both lists (each newest first) as one, newest first; a stable merge keeps ties in order. */
function newestFirst<Item>(
  a: readonly Item[],
  b: readonly Item[],
  timeOf: (item: Item) => string,
): Item[] {
  return [...a, ...b].sort((x, y) => timeOf(y).localeCompare(timeOf(x)));
}

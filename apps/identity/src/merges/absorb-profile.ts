import {
  combineCommerce,
  combineEngagement,
  consentKey,
  containsIdentifier,
  COUNTED_ORDER_KEYS_LIMIT,
  newestPerKey,
  PROFILE_LIMITS,
  sameConsent,
  sameSubscription,
  subscriptionKey,
  survivingTraits,
  type ComputedTraits,
  type EventCount,
  type MessageHistoryEntry,
  type Profile,
  type ProfileChange,
  type ScoreEntry,
  type SegmentMembership,
  type SurvivorshipRules,
  type TimelineEntry,
} from '../profiles';

export interface Absorption {
  readonly profile: Profile;
  readonly changes: ProfileChange[];
}

/**
 * The survivor after taking in an absorbed profile of the same person: identifiers united,
 * traits decided one by one under the survivorship rules (with their lineage), counters and
 * revenue added, first and last seen widened, the later last order, the newer consent per
 * category and subscription per channel, the survivor's scores and segments plus the absorbed
 * one's of other names, timeline and message history interleaved by time and bounded, the
 * idempotency windows united with the merge's own id. Pure; `now` stamps it.
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
  const held = heldFromBoth(survivor, absorbed);
  for (const field of ['consent', 'subscriptions', 'scores', 'segments'] as const)
    if (held[field] !== survivor[field]) changes.push({ path: field, value: held[field] });

  const profile: Profile = {
    ...survivor,
    identifiers,
    traits: traits.traits,
    traitLineage: traits.lineage,
    computed,
    consent: held.consent,
    subscriptions: held.subscriptions,
    scores: held.scores,
    segments: held.segments,
    countedOrderKeys: [
      ...new Set([...survivor.countedOrderKeys, ...absorbed.countedOrderKeys]),
    ].slice(0, COUNTED_ORDER_KEYS_LIMIT),
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
    engagement: combineEngagement(a.engagement, b.engagement, (x, y) => x + y),
    commerce: combineCommerce(a.commerce, b.commerce),
  };
}

/**
 * Consent and subscriptions: the newer word per category or channel (the survivor's on a
 * tie). Scores and segments: the survivor's, plus the absorbed profile's of names the
 * survivor does not have. Each field is the survivor's own list when nothing was added.
 */
function heldFromBoth(survivor: Profile, absorbed: Profile) {
  return {
    consent: newestPerKey(
      survivor.consent,
      absorbed.consent.filter((entry) => !newerOrSameIn(survivor.consent, entry, consentKey)),
      consentKey,
      sameConsent,
    ),
    subscriptions: newestPerKey(
      survivor.subscriptions,
      absorbed.subscriptions.filter(
        (entry) => !newerOrSameIn(survivor.subscriptions, entry, subscriptionKey),
      ),
      subscriptionKey,
      sameSubscription,
    ),
    scores: withOtherNames<ScoreEntry>(survivor.scores, absorbed.scores),
    segments: withOtherNames<SegmentMembership>(survivor.segments, absorbed.segments),
  };
}

/** Whether `entries` holds one of `entry`'s key at least as new (ties keep the survivor's). */
function newerOrSameIn<Entry extends { readonly at: string }>(
  entries: readonly Entry[],
  entry: Entry,
  keyOf: (entry: Entry) => string,
): boolean {
  return entries.some((candidate) => keyOf(candidate) === keyOf(entry) && candidate.at >= entry.at);
}

function withOtherNames<Entry extends { readonly name: string }>(
  held: Entry[],
  other: readonly Entry[],
): Entry[] {
  const added = other.filter((entry) => !held.some((candidate) => candidate.name === entry.name));
  return added.length === 0 ? held : [...held, ...added];
}

function addCounts(a: readonly EventCount[], b: readonly EventCount[]): EventCount[] {
  const counts = new Map(a.map((entry) => [entry.name, entry.count]));
  for (const entry of b) counts.set(entry.name, (counts.get(entry.name) ?? 0) + entry.count);
  return [...counts].map(([name, count]) => ({ name, count }));
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

import type { CallAcceptedV1, Identifier, JsonObject, SegmentCall } from '@meridian/contracts';
import { prependBounded } from './bounded';
import { applyCommerce } from './commerce-traits';
import {
  consentCategoriesOf,
  consentKey,
  newestPerKey,
  sameConsent,
  sameSubscription,
  subscriptionKey,
  subscriptionsOfTraits,
  type ConsentState,
  type SubscriptionState,
} from './consent-state';
import { InvalidTraitsError } from './errors';
import { containsIdentifier } from './identifiers';
import {
  PROFILE_LIMITS,
  toUtc,
  type ComputedTraits,
  type EventCount,
  type Profile,
  type ProfileChange,
  type TimelineEntry,
} from './profile.model';
import { nestedArrayPaths, unstorableTraitKeys } from './storable-traits';
import { DEFAULT_SURVIVORSHIP, survivingTraits, type SurvivorshipRules } from './survivorship';

/** A profile after one event, with what changed for ProfileUpdatedV1. */
export interface AppliedChange {
  readonly profile: Profile;
  readonly changes: ProfileChange[];
}

/** True when the event is in the profile's idempotency window (a redelivery). */
export function hasApplied(profile: Profile, eventId: string): boolean {
  return profile.appliedEventIds.includes(eventId);
}

/** Throws InvalidTraitsError when identify traits hold keys or values the store refuses. */
export function assertStorableCall(call: SegmentCall): void {
  if (call.type !== 'identify') return;
  const problems = [
    ...unstorableTraitKeys(call.traits).map(
      (key) => `key "${key}" contains '.' or starts with '$'`,
    ),
    ...nestedArrayPaths(call.traits).map((path) => `"${path}" is an array inside an array`),
  ];
  if (problems.length > 0) throw new InvalidTraitsError(problems);
}

/**
 * Applies one accepted call to a profile: attaches the given identifiers, merges identify
 * traits (shallow), counts track events, adds orders and refunds, moves first/last seen, keeps
 * the newest consent per category and subscription per channel, records the call on the
 * timeline and the event id in the idempotency window. Pure; `now` stamps updatedAt.
 */
export function applyCall(
  profile: Profile,
  event: CallAcceptedV1,
  attach: readonly Identifier[],
  now: string,
  rules: SurvivorshipRules = DEFAULT_SURVIVORSHIP,
): AppliedChange {
  const { call } = event.payload;
  assertStorableCall(call);
  const changes: ProfileChange[] = [];

  const added = attach.filter(
    (identifier, index) =>
      !containsIdentifier(profile.identifiers, identifier) &&
      !containsIdentifier(attach.slice(0, index), identifier),
  );
  const identifiers = [...profile.identifiers, ...added];
  if (added.length > 0) changes.push({ path: 'identifiers', value: identifiers });

  const { traits, traitLineage } =
    call.type === 'identify'
      ? mergeTraits(profile, event, call.traits, rules, changes)
      : { traits: profile.traits, traitLineage: profile.traitLineage };
  const { computed, countedOrderKeys } = computeTraits(profile, call, changes);
  const { consent, subscriptions } = consentAndSubscriptions(profile, event, changes);

  const entry = timelineEntryOf(event);
  changes.push({ path: 'timeline.0', value: entry });

  const next: Profile = {
    ...profile,
    identifiers,
    traits,
    traitLineage,
    computed,
    countedOrderKeys,
    consent,
    subscriptions,
    timeline: prependBounded(profile.timeline, entry, PROFILE_LIMITS.timeline),
    appliedEventIds: prependBounded(
      profile.appliedEventIds,
      event.id,
      PROFILE_LIMITS.appliedEventIds,
    ),
    lastChange: { eventId: event.id, created: profile.revision === 0, changes },
    revision: profile.revision + 1,
    updatedAt: now,
  };
  return { profile: next, changes };
}

/**
 * An identify's traits over the profile's, trait by trait under the survivorship rules: an
 * identify older than the value's own event does not overwrite it (mostRecent, by default).
 */
function mergeTraits(
  profile: Profile,
  event: CallAcceptedV1,
  incoming: JsonObject,
  rules: SurvivorshipRules,
  changes: ProfileChange[],
): { traits: JsonObject; traitLineage: Profile['traitLineage'] } {
  const at = toUtc(event.payload.call.timestamp);
  const { sourceId } = event.payload;
  const result = survivingTraits(
    rules,
    { traits: profile.traits, lineage: profile.traitLineage },
    {
      traits: incoming,
      lineage: Object.keys(incoming).map((trait) => ({ trait, sourceId, eventId: event.id, at })),
    },
  );
  for (const trait of result.changed) {
    changes.push({ path: `traits.${trait}`, value: result.traits[trait] });
  }
  return { traits: result.traits, traitLineage: result.lineage };
}

function computeTraits(
  profile: Profile,
  call: SegmentCall,
  changes: ProfileChange[],
): { computed: ComputedTraits; countedOrderKeys: string[] } {
  const current = profile.computed;
  const seenAt = toUtc(call.timestamp);
  const firstSeenAt =
    current.firstSeenAt === null || seenAt < current.firstSeenAt ? seenAt : current.firstSeenAt;
  const lastSeenAt =
    current.lastSeenAt === null || seenAt > current.lastSeenAt ? seenAt : current.lastSeenAt;
  if (firstSeenAt !== current.firstSeenAt)
    changes.push({ path: 'computed.firstSeenAt', value: firstSeenAt });
  if (lastSeenAt !== current.lastSeenAt)
    changes.push({ path: 'computed.lastSeenAt', value: lastSeenAt });

  let eventCounts = current.eventCounts;
  if (call.type === 'track') {
    eventCounts = countEvent(current.eventCounts, call.event);
    changes.push({ path: 'computed.eventCounts', value: eventCounts });
  }
  const commerce = applyCommerce(
    { commerce: current.commerce, countedOrderKeys: profile.countedOrderKeys },
    call,
    seenAt,
  );
  if (commerce.commerce !== current.commerce)
    changes.push({ path: 'computed.commerce', value: commerce.commerce });
  return {
    computed: { ...current, eventCounts, firstSeenAt, lastSeenAt, commerce: commerce.commerce },
    countedOrderKeys: commerce.countedOrderKeys,
  };
}

/**
 * The consent the call carries, per category, and the subscriptions an identify's traits
 * state, per channel, each laid over the profile's unless the profile's is newer.
 */
function consentAndSubscriptions(
  profile: Profile,
  event: CallAcceptedV1,
  changes: ProfileChange[],
): { consent: ConsentState[]; subscriptions: SubscriptionState[] } {
  const { call, sourceId } = event.payload;
  const at = toUtc(call.timestamp);
  const consent = newestPerKey(
    profile.consent,
    consentCategoriesOf(call).map((category) => ({ ...category, at, sourceId })),
    consentKey,
    sameConsent,
  );
  if (consent !== profile.consent) changes.push({ path: 'consent', value: consent });
  const stated = call.type === 'identify' ? subscriptionsOfTraits(call.traits) : [];
  const subscriptions = newestPerKey(
    profile.subscriptions,
    stated.map((subscription) => ({ ...subscription, at, source: sourceId })),
    subscriptionKey,
    sameSubscription,
  );
  if (subscriptions !== profile.subscriptions)
    changes.push({ path: 'subscriptions', value: subscriptions });
  return { consent, subscriptions };
}

function countEvent(counts: readonly EventCount[], name: string): EventCount[] {
  const known = counts.some((count) => count.name === name);
  if (!known) return [...counts, { name, count: 1 }];
  return counts.map((count) => (count.name === name ? { name, count: count.count + 1 } : count));
}

function timelineEntryOf(event: CallAcceptedV1): TimelineEntry {
  const { call } = event.payload;
  return {
    id: event.id,
    type: call.type,
    event: eventNameOf(call),
    timestamp: toUtc(call.timestamp),
  };
}

function eventNameOf(call: SegmentCall): string | null {
  switch (call.type) {
    case 'track':
      return call.event;
    case 'page':
    case 'screen':
      return call.name ?? null;
    default:
      return null;
  }
}

import { isDeepStrictEqual } from 'node:util';
import { JsonObject } from '@meridian/contracts';
import {
  containsIdentifier,
  combineEngagement,
  roundAmount,
  PROFILE_LIMITS,
  type CommerceTraits,
  type EventCount,
  type MergeRecord,
  type Profile,
  type ProfileChange,
  type TraitBefore,
} from '../profiles';

/** How many merges a profile remembers well enough to undo. */
export const MERGE_HISTORY_LIMIT = 20;

/**
 * What a merge changed on the survivor, read from the survivor before and after it: the
 * identifiers it added and the traits it set, as they were.
 */
export function mergeRecordOf(
  before: Profile,
  after: Profile,
  absorbed: Profile,
  mergeEventId: string,
  at: string,
): MergeRecord {
  const traitsBefore: TraitBefore[] = [];
  for (const [trait, value] of Object.entries(after.traits)) {
    const present = Object.hasOwn(before.traits, trait);
    if (present && isDeepStrictEqual(before.traits[trait], value)) continue;
    const lineage = before.traitLineage.find((entry) => entry.trait === trait) ?? null;
    traitsBefore.push({ trait, present, value: present ? before.traits[trait] : null, lineage });
  }
  return {
    absorbedId: absorbed.profileId,
    absorbedPartition: absorbed.partition,
    mergeEventId,
    at,
    addedIdentifiers: after.identifiers.filter(
      (identifier) => !containsIdentifier(before.identifiers, identifier),
    ),
    traitsBefore,
  };
}

/** The survivor with the merge remembered, oldest memories dropped past the limit. */
export function remembering(profile: Profile, record: MergeRecord): Profile {
  return {
    ...profile,
    mergeHistory: [record, ...profile.mergeHistory].slice(0, MERGE_HISTORY_LIMIT),
  };
}

/**
 * The survivor with an absorbed profile's part taken out again: the identifiers the merge
 * added, the trait values that still come from the absorbed profile (restored as they were),
 * its counters and commerce sums, timeline entries and message history; and never merged with
 * it again. `absorbed` is the retired record, which kept its data as of the merge. Consent,
 * subscriptions, scores and first/last seen stay as the survivor has them: they carry no
 * lineage to tell the absorbed profile's part from the survivor's own.
 */
export function unmergeProfile(
  survivor: Profile,
  record: MergeRecord,
  absorbed: Profile,
  unmergeEventId: string,
  now: string,
): { profile: Profile; changes: ProfileChange[] } {
  const identifiers = survivor.identifiers.filter(
    (identifier) => !containsIdentifier(record.addedIdentifiers, identifier),
  );
  const fromAbsorbed = new Set(absorbed.traitLineage.map((entry) => entry.eventId));
  const traits: JsonObject = { ...survivor.traits };
  let traitLineage = survivor.traitLineage;
  const changes: ProfileChange[] = [{ path: 'identifiers', value: identifiers }];
  for (const before of record.traitsBefore) {
    const current = survivor.traitLineage.find((entry) => entry.trait === before.trait);
    // A value set by the survivor's own later calls stays; only the absorbed one goes back.
    if (current !== undefined && !fromAbsorbed.has(current.eventId)) continue;
    if (before.present) traits[before.trait] = jsonValue(before.value);
    else delete traits[before.trait];
    traitLineage = traitLineage.filter((entry) => entry.trait !== before.trait);
    if (before.lineage !== null) traitLineage = [...traitLineage, before.lineage];
    changes.push({ path: `traits.${before.trait}`, value: traits[before.trait] ?? null });
  }
  const absorbedTimeline = new Set(absorbed.timeline.map((entry) => entry.id));
  const computed = {
    ...survivor.computed,
    eventCounts: subtractCounts(survivor.computed.eventCounts, absorbed.computed.eventCounts),
    engagement: combineEngagement(
      survivor.computed.engagement,
      absorbed.computed.engagement,
      (held, taken) => Math.max(0, held - taken),
    ),
    commerce: subtractCommerce(survivor.computed.commerce, absorbed.computed.commerce),
  };
  changes.push({ path: 'computed', value: computed });
  const profile: Profile = {
    ...survivor,
    identifiers,
    traits,
    traitLineage,
    computed,
    timeline: survivor.timeline.filter((entry) => !absorbedTimeline.has(entry.id)),
    messages: survivor.messages.filter(
      (entry) => !absorbed.messages.some((other) => isDeepStrictEqual(other, entry)),
    ),
    mergeHistory: survivor.mergeHistory.filter((entry) => entry !== record),
    separatedFrom: [...new Set([...survivor.separatedFrom, absorbed.profileId])],
    appliedEventIds: [unmergeEventId, ...survivor.appliedEventIds].slice(
      0,
      PROFILE_LIMITS.appliedEventIds,
    ),
    lastChange: { eventId: unmergeEventId, created: false, changes },
    revision: survivor.revision + 1,
    updatedAt: now,
  };
  return { profile, changes };
}

/** Stored trait values are JSON; `unknown` only because the history schema cannot say so. */
function jsonValue(value: unknown): JsonObject[string] {
  return JsonObject.parse({ value: value ?? null })['value'] ?? null;
}

function subtractCounts(held: readonly EventCount[], taken: readonly EventCount[]): EventCount[] {
  return held.flatMap((entry) => {
    const count = entry.count - (taken.find((other) => other.name === entry.name)?.count ?? 0);
    return count > 0 ? [{ name: entry.name, count }] : [];
  });
}

/**
 * The survivor's commerce without the absorbed profile's orders: sums taken off, the last
 * order forgotten when it was the absorbed profile's (the survivor's own earlier last order
 * is not remembered). An order both profiles counted stays counted once.
 */
function subtractCommerce(held: CommerceTraits, taken: CommerceTraits): CommerceTraits {
  const lifetimeRevenue = roundAmount(Math.max(0, held.lifetimeRevenue - taken.lifetimeRevenue));
  const refundedRevenue = roundAmount(Math.max(0, held.refundedRevenue - taken.refundedRevenue));
  const lastOrderWasTaken =
    held.lastOrder !== null && held.lastOrder.orderId === taken.lastOrder?.orderId;
  return {
    ...held,
    lifetimeRevenue,
    refundedRevenue,
    netRevenue: roundAmount(lifetimeRevenue - refundedRevenue),
    orderCount: Math.max(0, held.orderCount - taken.orderCount),
    lastOrder: lastOrderWasTaken ? null : held.lastOrder,
  };
}

import { isDeepStrictEqual } from 'node:util';
import { JsonObject } from '@meridian/contracts';
import {
  consentKey,
  containsIdentifier,
  combineEngagement,
  roundAmount,
  PROFILE_LIMITS,
  subscriptionKey,
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
    consentBefore: [...before.consent],
    subscriptionsBefore: [...before.subscriptions],
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
 * its counters and commerce sums, timeline entries and message history, the consent and
 * subscriptions whose newer word came from it (the survivor's own word before the merge comes
 * back); and never merged with it again. `absorbed` is the retired record, which kept its data
 * as of the merge. Scores and first/last seen stay as the survivor has them: they carry no
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
  const consent = withoutAbsorbedWord(
    survivor.consent,
    absorbed.consent,
    record.consentBefore,
    consentKey,
  );
  const subscriptions = withoutAbsorbedWord(
    survivor.subscriptions,
    absorbed.subscriptions,
    record.subscriptionsBefore,
    subscriptionKey,
  );
  if (!isDeepStrictEqual(consent, survivor.consent))
    changes.push({ path: 'consent', value: consent });
  if (!isDeepStrictEqual(subscriptions, survivor.subscriptions))
    changes.push({ path: 'subscriptions', value: subscriptions });
  const profile: Profile = {
    ...survivor,
    identifiers,
    traits,
    traitLineage,
    computed,
    consent,
    subscriptions,
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

/**
 * The survivor's consent (or subscriptions) with the absorbed profile's word taken out: an
 * entry equal to the absorbed profile's, and not the survivor's own before the merge, came
 * from it and gives way to what the survivor had then (or to nothing). A word the survivor's
 * own calls said since stays. Without a record of before (merges recorded earlier), all stays.
 */
function withoutAbsorbedWord<Entry>(
  held: readonly Entry[],
  absorbed: readonly Entry[],
  before: readonly Entry[] | null,
  keyOf: (entry: Entry) => string,
): Entry[] {
  if (before === null) return [...held];
  const fromAbsorbed = (entry: Entry) =>
    absorbed.some((other) => isDeepStrictEqual(other, entry)) &&
    !before.some((other) => isDeepStrictEqual(other, entry));
  return held.flatMap((entry) => {
    if (!fromAbsorbed(entry)) return [entry];
    const earlier = before.find((other) => keyOf(other) === keyOf(entry));
    return earlier === undefined ? [] : [earlier];
  });
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

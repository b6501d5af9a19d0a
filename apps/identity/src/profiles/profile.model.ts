import { CHANNELS, Identifier, JsonObject, MESSAGE_STATUSES, Partition } from '@meridian/contracts';
import { z } from 'zod';
import { CommerceTraits, NO_COMMERCE } from './commerce-traits';
import { ConsentState, SubscriptionState } from './consent-state';
import { ScoreEntry, SegmentMembership, StoredRfm, type GoldenScores } from './profile-scores';
import { TraitLineage } from './survivorship';

/** How many entries each bounded list of the golden record keeps, newest first. */
export const PROFILE_LIMITS = {
  timeline: 50,
  messages: 100,
  appliedEventIds: 200,
} as const;

/** Times are stored as UTC ISO-8601 strings, so they compare as strings and read back as sent. */
const UtcTime = z.string().min(1);

export const EventCount = z.object({ name: z.string().min(1), count: z.number().int().min(1) });
export type EventCount = z.infer<typeof EventCount>;

/**
 * Per-channel engagement counters, one per message status; an array, not a map, because
 * stored keys stay fixed. Requested and skipped were counted later: 0 on older records.
 */
export const ChannelEngagement = z.object({
  channel: z.enum(CHANNELS),
  requested: z.number().int().min(0).default(0),
  sent: z.number().int().min(0),
  delivered: z.number().int().min(0),
  opened: z.number().int().min(0),
  clicked: z.number().int().min(0),
  skipped: z.number().int().min(0).default(0),
  failed: z.number().int().min(0),
});
export type ChannelEngagement = z.infer<typeof ChannelEngagement>;

export const ComputedTraits = z.object({
  /** Track calls per event name; event names may contain dots, so never used as keys. */
  eventCounts: z.array(EventCount),
  firstSeenAt: UtcTime.nullable(),
  lastSeenAt: UtcTime.nullable(),
  engagement: z.array(ChannelEngagement),
  /** Revenue, orders and refunds from Order Completed / Order Refunded (none before). */
  commerce: CommerceTraits.default(NO_COMMERCE),
});
export type ComputedTraits = z.infer<typeof ComputedTraits>;

export const TimelineEntry = z.object({
  /** Id of the CallAcceptedV1 event that carried the call. */
  id: z.string().min(1),
  type: z.enum(['track', 'identify', 'page', 'screen', 'group', 'alias']),
  /** Track event name, or page/screen name; null for the other call types. */
  event: z.string().nullable(),
  timestamp: UtcTime,
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const MessageHistoryEntry = z.object({
  messageId: z.string().min(1),
  channel: z.enum(CHANNELS),
  templateId: z.string().min(1),
  journeyId: z.string().nullable(),
  status: z.enum(MESSAGE_STATUSES),
  at: UtcTime,
  /** What the lifecycle event adds: provider, url, reason or error. */
  detail: z.string().nullable(),
});
export type MessageHistoryEntry = z.infer<typeof MessageHistoryEntry>;

/** A trait as it was before a merge replaced or added it. */
export const TraitBefore = z.object({
  trait: z.string().min(1),
  /** False when the survivor did not have the trait before the merge. */
  present: z.boolean(),
  value: z.unknown(),
  lineage: TraitLineage.nullable(),
});
export type TraitBefore = z.infer<typeof TraitBefore>;

/** One merge into a profile: enough to take the absorbed profile's part out again. */
export const MergeRecord = z.object({
  absorbedId: z.string().min(1),
  absorbedPartition: Partition,
  mergeEventId: z.string().min(1),
  at: UtcTime,
  /** Identifiers the survivor did not hold before the merge. */
  addedIdentifiers: z.array(Identifier),
  /** Traits the merge changed, as they were. */
  traitsBefore: z.array(TraitBefore),
  /**
   * The survivor's consent and subscriptions before the merge, so an unmerge can give back
   * what the absorbed profile's newer word replaced; null in records kept before they were.
   */
  consentBefore: z.array(ConsentState).nullable().default(null),
  subscriptionsBefore: z.array(SubscriptionState).nullable().default(null),
});
export type MergeRecord = z.infer<typeof MergeRecord>;

/** One changed field of the golden record, by dotted path (stored as a pair, never as a key). */
export const ProfileChange = z.object({ path: z.string().min(1), value: z.unknown() });
export type ProfileChange = z.infer<typeof ProfileChange>;

/**
 * What the last applied event changed. Kept so that a redelivery of that event (a crash
 * between the write and the publish) republishes exactly the ProfileUpdatedV1 it lost.
 */
export const LastChange = z.object({
  eventId: z.string().min(1),
  created: z.boolean(),
  changes: z.array(ProfileChange),
});
export type LastChange = z.infer<typeof LastChange>;

/** The golden record of one person in one workspace. */
export const Profile = z.object({
  profileId: z.string().min(1),
  workspaceId: z.string().min(1),
  partition: Partition,
  identifiers: z.array(Identifier),
  traits: JsonObject,
  /** Where each trait's value came from (source, event, time); stored before lineage: none. */
  traitLineage: z.array(TraitLineage).default([]),
  computed: ComputedTraits,
  timeline: z.array(TimelineEntry),
  messages: z.array(MessageHistoryEntry),
  /** Consent per category, the newest call's word for each (none on older records). */
  consent: z.array(ConsentState).default([]),
  /** Subscription state per channel, the newest identify's word for each. */
  subscriptions: z.array(SubscriptionState).default([]),
  /** Scores scoring wrote, one per name. */
  scores: z.array(ScoreEntry).default([]),
  /** The RFM scoring wrote (none before its first order or engagement). */
  rfm: StoredRfm.nullable().default(null),
  /** Segments scoring put the profile in. */
  segments: z.array(SegmentMembership).default([]),
  /** Orders and refunds counted lately (keys, newest first), so a replay is not counted twice. */
  countedOrderKeys: z.array(z.string()).default([]),
  /** Ids of the events applied most recently, newest first: the idempotency window. */
  appliedEventIds: z.array(z.string()),
  lastChange: LastChange.nullable(),
  /**
   * Set once this profile was merged into another: the id of the survivor. Lookups by the old
   * id lead to the survivor; the record keeps its data as of the merge, for an unmerge.
   */
  mergedInto: z.string().min(1).nullable().default(null),
  /** What each merge into this profile changed, newest first, so it can be undone. */
  mergeHistory: z.array(MergeRecord).default([]),
  /** Profiles this one was split from: never merged with it again automatically. */
  separatedFrom: z.array(z.string().min(1)).default([]),
  /** 0 for a profile not yet stored; every applied change adds one. */
  revision: z.number().int().min(0),
  createdAt: UtcTime,
  updatedAt: UtcTime,
});
export type Profile = z.infer<typeof Profile>;

/** The profile as the API shows it: the golden record without bookkeeping fields. */
export interface GoldenRecord {
  readonly profileId: string;
  readonly workspaceId: string;
  readonly partition: number;
  readonly identifiers: readonly Identifier[];
  readonly traits: JsonObject;
  readonly computed: ComputedTraits;
  readonly timeline: readonly TimelineEntry[];
  readonly messages: readonly MessageHistoryEntry[];
  readonly consent: readonly ConsentState[];
  readonly subscriptions: readonly SubscriptionState[];
  /** `scores.rfm` and the named scores (`scores.values`). */
  readonly scores: GoldenScores;
  readonly segments: readonly SegmentMembership[];
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The survivor this profile was merged into; the API answers with the survivor instead. */
  readonly mergedInto: string | null;
}

export function toGoldenRecord(profile: Profile): GoldenRecord {
  return {
    profileId: profile.profileId,
    workspaceId: profile.workspaceId,
    partition: profile.partition,
    identifiers: profile.identifiers,
    traits: profile.traits,
    computed: profile.computed,
    timeline: profile.timeline,
    messages: profile.messages,
    consent: profile.consent,
    subscriptions: profile.subscriptions,
    scores: { rfm: profile.rfm, values: profile.scores },
    segments: profile.segments,
    revision: profile.revision,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
    mergedInto: profile.mergedInto,
  };
}

/** A profile that exists only in memory until its first event is written (revision 0). */
export function emptyProfile(args: {
  profileId: string;
  workspaceId: string;
  partition: number;
  now: string;
}): Profile {
  return {
    profileId: args.profileId,
    workspaceId: args.workspaceId,
    partition: args.partition,
    identifiers: [],
    traits: {},
    traitLineage: [],
    computed: {
      eventCounts: [],
      firstSeenAt: null,
      lastSeenAt: null,
      engagement: [],
      commerce: NO_COMMERCE,
    },
    timeline: [],
    messages: [],
    consent: [],
    subscriptions: [],
    scores: [],
    rfm: null,
    segments: [],
    countedOrderKeys: [],
    appliedEventIds: [],
    lastChange: null,
    mergedInto: null,
    mergeHistory: [],
    separatedFrom: [],
    revision: 0,
    createdAt: args.now,
    updatedAt: args.now,
  };
}

/** An ISO-8601 instant with any offset as a UTC ISO string, so stored times compare as strings. */
export function toUtc(isoDateTime: string): string {
  return new Date(isoDateTime).toISOString();
}

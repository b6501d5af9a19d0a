import { CHANNELS, Identifier, JsonObject, MESSAGE_STATUSES, Partition } from '@meridian/contracts';
import { z } from 'zod';
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

/** Per-channel engagement counters; an array, not a map, because stored keys stay fixed. */
export const ChannelEngagement = z.object({
  channel: z.enum(CHANNELS),
  sent: z.number().int().min(0),
  delivered: z.number().int().min(0),
  opened: z.number().int().min(0),
  clicked: z.number().int().min(0),
  failed: z.number().int().min(0),
});
export type ChannelEngagement = z.infer<typeof ChannelEngagement>;

export const ComputedTraits = z.object({
  /** Track calls per event name; event names may contain dots, so never used as keys. */
  eventCounts: z.array(EventCount),
  firstSeenAt: UtcTime.nullable(),
  lastSeenAt: UtcTime.nullable(),
  engagement: z.array(ChannelEngagement),
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
  /** Ids of the events applied most recently, newest first: the idempotency window. */
  appliedEventIds: z.array(z.string()),
  lastChange: LastChange.nullable(),
  /**
   * Set once this profile was merged into another: the id of the survivor. The record keeps
   * only this pointer (lookups by the old id lead to the survivor); its data moved there.
   */
  mergedInto: z.string().min(1).nullable().default(null),
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
    computed: { eventCounts: [], firstSeenAt: null, lastSeenAt: null, engagement: [] },
    timeline: [],
    messages: [],
    appliedEventIds: [],
    lastChange: null,
    mergedInto: null,
    revision: 0,
    createdAt: args.now,
    updatedAt: args.now,
  };
}

/** An ISO-8601 instant with any offset as a UTC ISO string, so stored times compare as strings. */
export function toUtc(isoDateTime: string): string {
  return new Date(isoDateTime).toISOString();
}

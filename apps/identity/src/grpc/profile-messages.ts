import type { Page, ProfileSummary } from '../profile-api';
import type {
  ConsentState,
  GoldenRecord,
  MessageHistoryEntry,
  ScoreEntry,
  SegmentMembership,
  StoredRfm,
  SubscriptionState,
  TimelineEntry,
} from '../profiles';
import { jsonToStruct, type Struct } from './struct';

// The replies of profile.proto as @grpc/proto-loader encodes them from objects. proto3 has no
// null: a null string is left out, which a client reads as "" (unset).

export interface IdentifierMessage {
  readonly type: string;
  readonly value: string;
}

export interface TimelineEntryMessage {
  readonly id: string;
  readonly type: string;
  readonly event?: string;
  readonly timestamp: string;
}

export interface MessageHistoryEntryMessage {
  readonly messageId: string;
  readonly channel: string;
  readonly templateId: string;
  readonly status: string;
  readonly at: string;
  readonly journeyId?: string;
  readonly detail?: string;
}

export interface ConsentStateMessage {
  readonly category: string;
  readonly granted: boolean;
  readonly at: string;
  readonly sourceId: string;
}

export interface SubscriptionStateMessage {
  readonly channel: string;
  readonly state: string;
  readonly at: string;
  readonly source: string;
}

export interface ScoreMessage {
  readonly name: string;
  readonly value: number;
  readonly at: string;
}

/** Nulls (no completed order yet) left out; a client reads them as 0 or "". */
export interface RfmMessage {
  readonly recencyDays?: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly r?: number;
  readonly f?: number;
  readonly m?: number;
  readonly segment?: string;
  readonly trend?: string;
  readonly at: string;
}

export interface SegmentMembershipMessage {
  readonly name: string;
  readonly enteredAt: string;
}

export interface ProfileMessage {
  readonly profileId: string;
  readonly workspaceId: string;
  readonly partition: number;
  readonly identifiers: readonly IdentifierMessage[];
  readonly traits: Struct;
  readonly computed: Struct;
  readonly timeline: readonly TimelineEntryMessage[];
  readonly messages: readonly MessageHistoryEntryMessage[];
  readonly consent: readonly ConsentStateMessage[];
  readonly subscriptions: readonly SubscriptionStateMessage[];
  readonly scores: readonly ScoreMessage[];
  readonly segments: readonly SegmentMembershipMessage[];
  /** Left out until scoring computed one. */
  readonly rfm?: RfmMessage;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ProfileSummaryMessage = Omit<
  ProfileMessage,
  'computed' | 'timeline' | 'messages' | 'consent' | 'subscriptions' | 'scores' | 'segments' | 'rfm'
>;

export interface SearchReply {
  readonly profiles: readonly ProfileSummaryMessage[];
  /** Left out on the last page. */
  readonly nextCursor?: string;
}

export interface EntriesReply<Entry> {
  readonly entries: readonly Entry[];
  /** Left out on the last page. */
  readonly nextCursor?: string;
}

export function profileMessageOf(record: GoldenRecord): ProfileMessage {
  return {
    ...summaryMessageOf(record),
    computed: jsonToStruct(record.computed),
    timeline: record.timeline.map(timelineEntryMessageOf),
    messages: record.messages.map(messageHistoryEntryMessageOf),
    // Field by field: the proto declares exactly these, whatever else the model may grow.
    consent: record.consent.map(
      ({ category, granted, at, sourceId }: ConsentState): ConsentStateMessage => ({
        category,
        granted,
        at,
        sourceId,
      }),
    ),
    subscriptions: record.subscriptions.map(
      ({ channel, state, at, source }: SubscriptionState): SubscriptionStateMessage => ({
        channel,
        state,
        at,
        source,
      }),
    ),
    scores: record.scores.values.map(({ name, value, at }: ScoreEntry): ScoreMessage => ({
      name,
      value,
      at,
    })),
    segments: record.segments.map(
      ({ name, enteredAt }: SegmentMembership): SegmentMembershipMessage => ({ name, enteredAt }),
    ),
    ...(record.scores.rfm === null ? {} : { rfm: rfmMessageOf(record.scores.rfm) }),
  };
}

export function rfmMessageOf(rfm: StoredRfm): RfmMessage {
  return {
    ...(rfm.recencyDays === null ? {} : { recencyDays: rfm.recencyDays }),
    frequency: rfm.frequency,
    monetary: rfm.monetary,
    ...(rfm.r === null ? {} : { r: rfm.r }),
    ...(rfm.f === null ? {} : { f: rfm.f }),
    ...(rfm.m === null ? {} : { m: rfm.m }),
    ...(rfm.segment === null ? {} : { segment: rfm.segment }),
    ...(rfm.trend === null ? {} : { trend: rfm.trend }),
    at: rfm.at,
  };
}

export function summaryMessageOf(profile: ProfileSummary): ProfileSummaryMessage {
  return {
    profileId: profile.profileId,
    workspaceId: profile.workspaceId,
    partition: profile.partition,
    identifiers: profile.identifiers.map(({ type, value }) => ({ type, value })),
    traits: jsonToStruct(profile.traits),
    revision: profile.revision,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
  };
}

export function searchReplyOf(page: Page<ProfileSummary>): SearchReply {
  return { profiles: page.items.map(summaryMessageOf), ...nextCursorOf(page) };
}

export function entriesReplyOf<Entry, Message>(
  page: Page<Entry>,
  toMessage: (entry: Entry) => Message,
): EntriesReply<Message> {
  return { entries: page.items.map(toMessage), ...nextCursorOf(page) };
}

function nextCursorOf(page: Page<unknown>): { readonly nextCursor?: string } {
  return page.nextCursor === null ? {} : { nextCursor: page.nextCursor };
}

export function timelineEntryMessageOf(entry: TimelineEntry): TimelineEntryMessage {
  return {
    id: entry.id,
    type: entry.type,
    ...(entry.event === null ? {} : { event: entry.event }),
    timestamp: entry.timestamp,
  };
}

export function messageHistoryEntryMessageOf(
  entry: MessageHistoryEntry,
): MessageHistoryEntryMessage {
  return {
    messageId: entry.messageId,
    channel: entry.channel,
    templateId: entry.templateId,
    status: entry.status,
    at: entry.at,
    ...(entry.journeyId === null ? {} : { journeyId: entry.journeyId }),
    ...(entry.detail === null ? {} : { detail: entry.detail }),
  };
}

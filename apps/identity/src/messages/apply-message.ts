import type { Channel } from '@meridian/contracts';
import {
  hasApplied,
  PROFILE_LIMITS,
  prependBounded,
  toUtc,
  type ChannelEngagement,
  type MessageHistoryEntry,
  type Profile,
  type ProfileChange,
} from '../profiles';
import { describeLifecycleEvent, type MessageLifecycleEvent } from './message-lifecycle';

/** Statuses that have an engagement counter; requested and skipped have none. */
const COUNTED = ['sent', 'delivered', 'opened', 'clicked', 'failed'] as const;
type CountedStatus = (typeof COUNTED)[number];

function isCounted(status: string): status is CountedStatus {
  return COUNTED.some((counted) => counted === status);
}

export type MessageOutcome =
  /** The event changed the profile. */
  | { readonly kind: 'applied'; readonly profile: Profile; readonly changes: ProfileChange[] }
  /** The same event id was applied before: a redelivery; republish, write nothing. */
  | { readonly kind: 'redelivered' }
  /** Another event already recorded this (messageId, status): nothing to do. */
  | { readonly kind: 'duplicate' };

export function historyEntryOf(event: MessageLifecycleEvent): MessageHistoryEntry {
  const { status, detail } = describeLifecycleEvent(event);
  const { messageId, channel, templateId, journeyId } = event.payload;
  return { messageId, channel, templateId, journeyId, status, at: toUtc(event.occurredAt), detail };
}

/**
 * Records a message lifecycle event on the profile: a history entry (newest first,
 * bounded) and, for counted statuses, the channel's engagement counter. An event whose
 * (messageId, status) is already in the history changes nothing. Pure.
 */
export function applyMessageEvent(
  profile: Profile,
  event: MessageLifecycleEvent,
  now: string,
): MessageOutcome {
  if (hasApplied(profile, event.id)) return { kind: 'redelivered' };
  const entry = historyEntryOf(event);
  const recorded = profile.messages.some(
    (existing) => existing.messageId === entry.messageId && existing.status === entry.status,
  );
  if (recorded) return { kind: 'duplicate' };

  const changes: ProfileChange[] = [{ path: 'messages.0', value: entry }];
  let engagement = profile.computed.engagement;
  if (isCounted(entry.status)) {
    engagement = countEngagement(engagement, entry.channel, entry.status);
    changes.push({ path: 'computed.engagement', value: engagement });
  }
  const next: Profile = {
    ...profile,
    computed: { ...profile.computed, engagement },
    messages: prependBounded(profile.messages, entry, PROFILE_LIMITS.messages),
    appliedEventIds: prependBounded(
      profile.appliedEventIds,
      event.id,
      PROFILE_LIMITS.appliedEventIds,
    ),
    lastChange: { eventId: event.id, created: false, changes },
    revision: profile.revision + 1,
    updatedAt: now,
  };
  return { kind: 'applied', profile: next, changes };
}

function countEngagement(
  engagement: readonly ChannelEngagement[],
  channel: Channel,
  status: CountedStatus,
): ChannelEngagement[] {
  const current = engagement.find((counters) => counters.channel === channel);
  const base = current ?? { channel, sent: 0, delivered: 0, opened: 0, clicked: 0, failed: 0 };
  const bump = (counted: CountedStatus) => base[counted] + (counted === status ? 1 : 0);
  const bumped: ChannelEngagement = {
    channel,
    sent: bump('sent'),
    delivered: bump('delivered'),
    opened: bump('opened'),
    clicked: bump('clicked'),
    failed: bump('failed'),
  };
  if (current === undefined) return [...engagement, bumped];
  return engagement.map((counters) => (counters.channel === channel ? bumped : counters));
}

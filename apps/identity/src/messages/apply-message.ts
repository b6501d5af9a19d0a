import {
  countEngagement,
  hasApplied,
  PROFILE_LIMITS,
  prependBounded,
  toUtc,
  type MessageHistoryEntry,
  type Profile,
  type ProfileChange,
} from '../profiles';
import { describeLifecycleEvent, type MessageLifecycleEvent } from './message-lifecycle';

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
 * Records a message lifecycle event on the profile: a history entry (newest first, bounded)
 * and one more on the channel's counter of its status (every status has one). An event whose
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

  const engagement = countEngagement(profile.computed.engagement, entry.channel, entry.status);
  const changes: ProfileChange[] = [
    { path: 'messages.0', value: entry },
    { path: 'computed.engagement', value: engagement },
  ];
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

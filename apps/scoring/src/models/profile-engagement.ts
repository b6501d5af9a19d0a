import { hourOfWeekSlot } from '@meridian/learning';
import {
  addToDecayed,
  COUNTED_MESSAGES_LIMIT,
  MODEL_APPLIED_EVENT_IDS_LIMIT,
  type ModelProfileDocument,
} from './model-profile';

/** A message lifecycle event as the models count it. */
export interface MessageEngagement {
  readonly eventId: string;
  readonly messageId: string;
  readonly channel: string;
  /** delivered = received; opened and clicked = engaged. */
  readonly kind: 'received' | 'opened' | 'clicked';
  /** Event time, epoch ms. */
  readonly at: number;
}

/** What one event added to the profile, for the partition's population. */
export interface EngagementIncrement {
  readonly channel: string;
  readonly received: 0 | 1;
  readonly engaged: 0 | 1;
  /** The local hour-of-week slot counted for an open or click, or null. */
  readonly slot: number | null;
}

export interface EngagementStep {
  readonly profile: ModelProfileDocument;
  readonly increment: EngagementIncrement;
}

/**
 * The profile after one message event; null when it changes nothing (a redelivery, or a second
 * delivery of the same message). Rates divide engaged by received messages, so per message
 * the first delivery counts once as received and the first open or click once as engaged; an
 * engagement with no delivery seen yet (events arrive out of order) counts the delivery too,
 * so engaged never exceeds received. Every first open and first click is an engagement at its
 * local hour of the week (send time); on email they also feed the propensity features.
 */
export function withMessageEngagement(
  profile: ModelProfileDocument,
  event: MessageEngagement,
): EngagementStep | null {
  if (profile.appliedEventIds.includes(event.eventId)) return null;
  const counted = new Set(profile.countedMessages);
  const newKeys: string[] = [];
  const count = (key: string): 0 | 1 => {
    if (counted.has(key)) return 0;
    counted.add(key);
    newKeys.push(key);
    return 1;
  };
  const engagement = event.kind !== 'received';
  const received = count(`received:${event.messageId}`);
  const engaged = engagement ? count(`engaged:${event.messageId}`) : 0;
  const firstOfKind = engagement ? count(`${event.kind}:${event.messageId}`) : 0;
  if (newKeys.length === 0) return null;
  const slot = firstOfKind === 1 ? hourOfWeekSlot(event.at, profile.utcOffsetMinutes) : null;
  const email = event.channel === 'email' && firstOfKind === 1;
  const next: ModelProfileDocument = {
    ...profile,
    appliedEventIds: [...profile.appliedEventIds, event.eventId].slice(
      -MODEL_APPLIED_EVENT_IDS_LIMIT,
    ),
    countedMessages: [...profile.countedMessages, ...newKeys].slice(-COUNTED_MESSAGES_LIMIT),
    channels: withChannel(profile.channels, event.channel, received, engaged),
    slots: slot === null ? profile.slots : withSlot(profile.slots, slot),
    emailOpens:
      email && event.kind === 'opened'
        ? addToDecayed(profile.emailOpens, event.at)
        : profile.emailOpens,
    emailClicks:
      email && event.kind === 'clicked'
        ? addToDecayed(profile.emailClicks, event.at)
        : profile.emailClicks,
  };
  return { profile: next, increment: { channel: event.channel, received, engaged, slot } };
}

function withChannel(
  channels: ModelProfileDocument['channels'],
  channel: string,
  received: 0 | 1,
  engaged: 0 | 1,
): ModelProfileDocument['channels'] {
  if (received === 0 && engaged === 0) return channels;
  const current = channels.find((entry) => entry.channel === channel);
  const next = {
    channel,
    received: (current?.received ?? 0) + received,
    engaged: (current?.engaged ?? 0) + engaged,
  };
  return [...channels.filter((entry) => entry.channel !== channel), next];
}

function withSlot(
  slots: ModelProfileDocument['slots'],
  slot: number,
): ModelProfileDocument['slots'] {
  const current = slots.find((entry) => entry.slot === slot);
  const next = { slot, count: (current?.count ?? 0) + 1 };
  return [...slots.filter((entry) => entry.slot !== slot), next].sort((a, b) => a.slot - b.slot);
}

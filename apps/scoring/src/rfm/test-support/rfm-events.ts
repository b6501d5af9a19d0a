import {
  EventsResolvedV1,
  MessageClickedV1,
  MessageDeliveredV1,
  MessageOpenedV1,
  MessageSentV1,
  subjects,
  type Channel,
  type MessageStatus,
} from '@meridian/contracts';
import type { MessageLifecycleEvent } from '../engagement-events';

// Builders of valid contract events for RFM specs, parsed through the schemas so every default
// the transport applies is applied here too.

export interface ProfileOf {
  readonly workspaceId: string;
  readonly profileId: string;
  readonly partition: number;
}

/** A resolved `track` call: by default an Order Completed of `orderId` and `revenue`. */
export function trackEvent(
  profile: ProfileOf,
  options: {
    readonly id: string;
    readonly at: string;
    readonly event?: string;
    readonly properties?: Readonly<Record<string, unknown>>;
  },
): EventsResolvedV1 {
  return EventsResolvedV1.parse({
    id: options.id,
    type: 'events.resolved',
    version: 1,
    workspaceId: profile.workspaceId,
    occurredAt: options.at,
    receivedAt: options.at,
    correlationId: `call-${options.id}`,
    causationId: `call-${options.id}`,
    payload: {
      profileId: profile.profileId,
      partition: profile.partition,
      call: {
        type: 'track',
        messageId: `m-${options.id}`,
        userId: profile.profileId,
        event: options.event ?? 'Order Completed',
        properties: options.properties ?? {},
        timestamp: options.at,
        receivedAt: options.at,
      },
      profile: {
        traits: {},
        identifiers: [{ type: 'userId', value: profile.profileId }],
        revision: 1,
      },
    },
  });
}

export function orderCompleted(
  profile: ProfileOf,
  id: string,
  at: string,
  order: { readonly orderId: string; readonly revenue: number },
): EventsResolvedV1 {
  return trackEvent(profile, { id, at, properties: order });
}

export function orderRefunded(
  profile: ProfileOf,
  id: string,
  at: string,
  order: { readonly orderId: string; readonly revenue: number },
): EventsResolvedV1 {
  return trackEvent(profile, { id, at, event: 'Order Refunded', properties: order });
}

type Status = Extract<MessageStatus, 'sent' | 'delivered' | 'opened' | 'clicked'>;

/** A message lifecycle event of one message to the profile. */
export function messageEvent(
  status: Status,
  profile: ProfileOf,
  options: {
    readonly id: string;
    readonly at: string;
    readonly messageId: string;
    readonly channel?: Channel;
  },
): MessageLifecycleEvent {
  const header = {
    id: options.id,
    version: 1,
    workspaceId: profile.workspaceId,
    occurredAt: options.at,
    receivedAt: options.at,
    correlationId: `journey-${options.messageId}`,
    causationId: null,
  };
  const ref = {
    messageId: options.messageId,
    profileId: profile.profileId,
    partition: profile.partition,
    channel: options.channel ?? 'email',
    templateId: 'tpl-1',
    journeyId: 'journey-1',
  };
  switch (status) {
    case 'sent':
      return MessageSentV1.parse({
        ...header,
        type: 'message.sent',
        payload: { ...ref, provider: 'smtp', providerMessageId: null, recipient: 'a@b.example' },
      });
    case 'delivered':
      return MessageDeliveredV1.parse({
        ...header,
        type: 'message.delivered',
        payload: { ...ref, provider: 'smtp' },
      });
    case 'opened':
      return MessageOpenedV1.parse({
        ...header,
        type: 'message.opened',
        payload: { ...ref, userAgent: null },
      });
    case 'clicked':
      return MessageClickedV1.parse({
        ...header,
        type: 'message.clicked',
        payload: { ...ref, url: 'https://shop.example/offer' },
      });
  }
}

/** The relative subject a message lifecycle event is published on. */
export function messageSubject(event: MessageLifecycleEvent): string {
  const status = event.type.slice('message.'.length);
  const known: readonly MessageStatus[] = ['sent', 'delivered', 'opened', 'clicked'];
  const found = known.find((candidate) => candidate === status);
  if (found === undefined) throw new RangeError(`type: no subject for ${event.type}`);
  return subjects.message(found, event.payload.channel, event.payload.partition);
}

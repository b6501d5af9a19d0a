import {
  EventsResolvedV1,
  MessageClickedV1,
  MessageDeliveredV1,
  MessageOpenedV1,
  type Channel,
} from '@meridian/contracts';

/** Events as the scoring consumers receive them, for the models' specs. */

export interface TrackInput {
  readonly id: string;
  readonly workspaceId: string;
  readonly profileId: string;
  readonly partition: number;
  readonly event: string;
  /** ISO-8601 event time. */
  readonly at: string;
  readonly properties?: Record<string, unknown>;
  readonly traits?: Record<string, unknown>;
  readonly timezone?: string;
}

export function trackEvent(input: TrackInput): EventsResolvedV1 {
  return EventsResolvedV1.parse({
    id: input.id,
    type: 'events.resolved',
    version: 1,
    workspaceId: input.workspaceId,
    occurredAt: input.at,
    receivedAt: input.at,
    correlationId: `call-${input.id}`,
    causationId: `call-${input.id}`,
    payload: {
      profileId: input.profileId,
      partition: input.partition,
      call: {
        type: 'track',
        messageId: `m-${input.id}`,
        userId: input.profileId,
        event: input.event,
        properties: input.properties ?? {},
        context: input.timezone === undefined ? {} : { timezone: input.timezone },
        timestamp: input.at,
        receivedAt: input.at,
      },
      profile: {
        traits: input.traits ?? {},
        identifiers: [{ type: 'userId', value: input.profileId }],
        revision: 1,
      },
    },
  });
}

export interface MessageInput {
  readonly id: string;
  readonly workspaceId: string;
  readonly profileId: string;
  readonly partition: number;
  readonly channel: Channel;
  readonly messageId: string;
  readonly templateId: string;
  /** ISO-8601 event time. */
  readonly at: string;
}

function envelope(input: MessageInput, type: string) {
  return {
    id: input.id,
    type,
    version: 1,
    workspaceId: input.workspaceId,
    occurredAt: input.at,
    receivedAt: input.at,
    correlationId: `corr-${input.messageId}`,
    causationId: null,
  };
}

function ref(input: MessageInput) {
  return {
    messageId: input.messageId,
    profileId: input.profileId,
    partition: input.partition,
    channel: input.channel,
    templateId: input.templateId,
    journeyId: null,
  };
}

export function deliveredEvent(input: MessageInput): MessageDeliveredV1 {
  return MessageDeliveredV1.parse({
    ...envelope(input, 'message.delivered'),
    payload: { ...ref(input), provider: 'test' },
  });
}

export function openedEvent(input: MessageInput): MessageOpenedV1 {
  return MessageOpenedV1.parse({
    ...envelope(input, 'message.opened'),
    payload: { ...ref(input), userAgent: null },
  });
}

export function clickedEvent(input: MessageInput): MessageClickedV1 {
  return MessageClickedV1.parse({
    ...envelope(input, 'message.clicked'),
    payload: { ...ref(input), url: 'https://example.com/offer' },
  });
}

/** When emailMessage's messages happen unless told otherwise. */
export const MESSAGE_AT = '2026-10-06T18:10:00.000Z';

/** The fields of an email message to `profileId` in workspace ws, partition 0, but its event id. */
export function emailMessage(
  profileId: string,
  messageId: string,
  at = MESSAGE_AT,
): Omit<MessageInput, 'id'> {
  return {
    workspaceId: 'ws',
    profileId,
    partition: 0,
    channel: 'email',
    messageId,
    templateId: 't-1',
    at,
  };
}

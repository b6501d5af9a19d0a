import {
  CallAcceptedV1,
  MessageClickedV1,
  MessageDeliveredV1,
  MessageSentV1,
  partitionKeyOf,
  partitionOf,
  type Channel,
} from '@meridian/contracts';

// Builders of valid contract events for specs: parsed through the schemas, so every
// default the transport would apply is applied here too.

export interface CallOptions {
  readonly id?: string;
  readonly workspaceId?: string;
  readonly userId?: string;
  readonly anonymousId?: string;
  readonly timestamp?: string;
  readonly partitions?: number;
}

function envelope(type: string, options: { id?: string; workspaceId?: string; at?: string }) {
  const at = options.at ?? '2025-01-01T10:00:00.000Z';
  const id = options.id ?? `evt-${Math.random().toString(36).slice(2)}`;
  return {
    id,
    type,
    version: 1,
    workspaceId: options.workspaceId ?? 'ws-1',
    occurredAt: at,
    receivedAt: at,
    correlationId: `corr-${id}`,
    causationId: null,
  };
}

function accepted(call: Record<string, unknown>, options: CallOptions): CallAcceptedV1 {
  const identity = { userId: options.userId, anonymousId: options.anonymousId };
  const timestamp = options.timestamp ?? '2025-01-01T10:00:00.000Z';
  return CallAcceptedV1.parse({
    ...envelope('call.accepted', { ...options, at: timestamp }),
    payload: {
      partition: partitionOf(partitionKeyOf(identity), options.partitions ?? 8),
      sourceId: 'source-1',
      call: {
        messageId: `msg-${Math.random().toString(36).slice(2)}`,
        ...identity,
        timestamp,
        receivedAt: timestamp,
        ...call,
      },
    },
  });
}

export function identifyEvent(
  traits: Record<string, unknown>,
  options: CallOptions = {},
): CallAcceptedV1 {
  return accepted({ type: 'identify', traits }, options);
}

export function trackEvent(event: string, options: CallOptions = {}): CallAcceptedV1 {
  return accepted({ type: 'track', event, properties: {} }, options);
}

export function pageEvent(name: string, options: CallOptions = {}): CallAcceptedV1 {
  return accepted({ type: 'page', name }, options);
}

export interface MessageOptions {
  readonly id?: string;
  readonly workspaceId?: string;
  readonly profileId: string;
  readonly partition?: number;
  readonly messageId?: string;
  readonly channel?: Channel;
  readonly at?: string;
}

function messageRef(options: MessageOptions) {
  return {
    messageId: options.messageId ?? 'message-1',
    profileId: options.profileId,
    partition: options.partition ?? 0,
    channel: options.channel ?? 'email',
    templateId: 'welcome',
    journeyId: 'onboarding',
  };
}

export function messageSentEvent(options: MessageOptions): MessageSentV1 {
  return MessageSentV1.parse({
    ...envelope('message.sent', options),
    payload: {
      ...messageRef(options),
      provider: 'smtp',
      providerMessageId: null,
      recipient: 'a@b.c',
    },
  });
}

export function messageDeliveredEvent(options: MessageOptions): MessageDeliveredV1 {
  return MessageDeliveredV1.parse({
    ...envelope('message.delivered', options),
    payload: { ...messageRef(options), provider: 'smtp' },
  });
}

export function messageClickedEvent(options: MessageOptions & { url?: string }): MessageClickedV1 {
  return MessageClickedV1.parse({
    ...envelope('message.clicked', options),
    payload: { ...messageRef(options), url: options.url ?? 'https://example.com/welcome' },
  });
}

import {
  MessageClickedV1,
  MessageDeliveredV1,
  MessageFailedV1,
  MessageOpenedV1,
  MessageRequestedV1,
  MessageSentV1,
  MessageSkippedV1,
  type MessageStatus,
} from '@meridian/contracts';

/** Every message lifecycle event identity records on the profile, one schema per type. */
export const MESSAGE_LIFECYCLE_SCHEMAS = [
  MessageRequestedV1,
  MessageSentV1,
  MessageDeliveredV1,
  MessageOpenedV1,
  MessageClickedV1,
  MessageSkippedV1,
  MessageFailedV1,
] as const;

export type MessageLifecycleEvent =
  | MessageRequestedV1
  | MessageSentV1
  | MessageDeliveredV1
  | MessageOpenedV1
  | MessageClickedV1
  | MessageSkippedV1
  | MessageFailedV1;

/** The status an event reports and the one detail worth keeping from it. */
export function describeLifecycleEvent(event: MessageLifecycleEvent): {
  status: MessageStatus;
  detail: string | null;
} {
  switch (event.type) {
    case 'message.requested':
      return { status: 'requested', detail: null };
    case 'message.sent':
      return { status: 'sent', detail: event.payload.provider };
    case 'message.delivered':
      return { status: 'delivered', detail: event.payload.provider };
    case 'message.opened':
      return { status: 'opened', detail: event.payload.userAgent };
    case 'message.clicked':
      return { status: 'clicked', detail: event.payload.url };
    case 'message.skipped':
      return { status: 'skipped', detail: event.payload.reason };
    case 'message.failed':
      return {
        status: 'failed',
        detail: `${event.payload.error}${event.payload.permanent ? ' (permanent)' : ''}`,
      };
  }
}

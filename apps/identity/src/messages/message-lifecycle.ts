import type { MessageLifecycleEvent, MessageStatus } from '@meridian/contracts';

export { MESSAGE_LIFECYCLE_SCHEMAS, type MessageLifecycleEvent } from '@meridian/contracts';

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

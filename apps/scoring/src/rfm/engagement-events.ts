import type { MessageLifecycleEvent } from '@meridian/contracts';
import type { EngagementEvent } from '@meridian/rfm';

export type { MessageLifecycleEvent } from '@meridian/contracts';

/** An engagement as RFM counts it: `at` in epoch ms. */
export interface EngagementInput extends EngagementEvent {
  readonly at: number;
  /**
   * `<kind>:<messageId>`: the first open and the first click of a message count, not every one
   * (rates divide by messages received), so the profile remembers the keys it counted.
   */
  readonly messageKey: string;
}

export type EngagementReading =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'engagement'; readonly engagement: EngagementInput };

const KINDS: Readonly<Record<string, EngagementEvent['kind']>> = {
  'message.delivered': 'received',
  'message.opened': 'opened',
  'message.clicked': 'clicked',
};

/**
 * Delivered (the message was received), opened and clicked feed engagement RFM, at the event's
 * time; requested, sent, skipped and failed do not.
 */
export function readEngagementEvent(event: MessageLifecycleEvent): EngagementReading {
  const kind = KINDS[event.type];
  if (kind === undefined) return { kind: 'ignored' };
  return {
    kind: 'engagement',
    engagement: {
      channel: event.payload.channel,
      kind,
      at: Date.parse(event.occurredAt),
      messageKey: `${kind}:${event.payload.messageId}`,
    },
  };
}

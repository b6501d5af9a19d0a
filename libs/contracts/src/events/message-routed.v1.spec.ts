import { MessageRoutedV1 } from './message-routed.v1';

const envelope = {
  version: 1,
  workspaceId: 'ws-1',
  occurredAt: '2026-11-24T09:00:00.000Z',
  receivedAt: '2026-11-24T09:00:00.000Z',
  correlationId: 'open-1',
};
const opened = {
  ...envelope,
  id: 'open-1',
  type: 'message.opened',
  causationId: null,
  payload: {
    messageId: 'm-1',
    profileId: 'retired',
    partition: 0,
    channel: 'email',
    templateId: 't-1',
    journeyId: null,
    userAgent: 'Mail/1.0',
  },
};
const routed = (event: unknown) => ({
  ...envelope,
  id: 'open-1:routed-1',
  type: 'message.routed',
  causationId: 'open-1',
  payload: { partition: 3, survivorId: 'survivor', hops: 1, event },
});

describe('MessageRoutedV1', () => {
  it('carries a lifecycle event of any type, validated as that type', () => {
    const parsed = MessageRoutedV1.parse(routed(opened));

    expect(parsed.payload.event.type).toBe('message.opened');
  });

  it('refuses an event that is no message lifecycle event, or one that is malformed', () => {
    const call = { ...opened, type: 'call.accepted' };
    const withoutUserAgent = { ...opened, payload: { ...opened.payload, userAgent: undefined } };

    expect(MessageRoutedV1.safeParse(routed(call)).success).toBe(false);
    expect(MessageRoutedV1.safeParse(routed(withoutUserAgent)).success).toBe(false);
  });
});

import { readEngagementEvent } from './engagement-events';
import { messageEvent } from './test-support/rfm-events';

const reader = { workspaceId: 'ws', profileId: 'p-1', partition: 1 };
const AT = '2026-03-02T08:00:00.000Z';
const event = (status: 'sent' | 'delivered' | 'opened' | 'clicked') =>
  messageEvent(status, reader, { id: `x-${status}`, at: AT, messageId: 'm-1', channel: 'sms' });

describe('readEngagementEvent', () => {
  it('counts a delivery as a message received, keyed by its message', () => {
    expect(readEngagementEvent(event('delivered'))).toEqual({
      kind: 'engagement',
      engagement: {
        channel: 'sms',
        kind: 'received',
        at: Date.parse(AT),
        messageKey: 'received:m-1',
      },
    });
  });

  it('counts opens and clicks, each keyed by kind and message', () => {
    expect(readEngagementEvent(event('opened'))).toMatchObject({
      engagement: { kind: 'opened', messageKey: 'opened:m-1' },
    });
    expect(readEngagementEvent(event('clicked'))).toMatchObject({
      engagement: { kind: 'clicked', messageKey: 'clicked:m-1' },
    });
  });

  it('ignores the other lifecycle events', () => {
    expect(readEngagementEvent(event('sent'))).toEqual({ kind: 'ignored' });
  });
});

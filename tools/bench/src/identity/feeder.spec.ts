import type { OutgoingMessage } from '@meridian/messaging';
import { BacklogFeeder } from './feeder';
import type { LoadRequest } from './load';

function requests(count: number, calls = 10): LoadRequest[] {
  return Array.from({ length: count }, (_, index) => ({
    calls,
    messages: [
      {
        subject: 'ingest.0',
        event: {
          id: `request-${index}`,
          type: 'call.accepted',
          version: 2,
          workspaceId: 'ws',
          occurredAt: '2025-01-01T00:00:00.000Z',
          receivedAt: '2025-01-01T00:00:00.000Z',
          correlationId: `request-${index}`,
          causationId: null,
        },
      },
    ],
  }));
}

function feederOf(load: LoadRequest[], maxUnresolved: number) {
  const published: string[] = [];
  const feeder = new BacklogFeeder(
    load,
    maxUnresolved,
    async (messages: readonly OutgoingMessage[]) => {
      published.push(...messages.map((message) => message.event.id));
    },
  );
  return { feeder, published };
}

describe('BacklogFeeder', () => {
  it('publishes requests in order until the unresolved calls reach the bound', async () => {
    const { feeder, published } = feederOf(requests(5), 25);

    await feeder.topUp(0);

    expect(published).toEqual(['request-0', 'request-1', 'request-2']);
    expect(feeder.published).toBe(30);
  });

  it('publishes nothing while the bound is reached, and more as calls are resolved', async () => {
    const { feeder, published } = feederOf(requests(5), 25);
    await feeder.topUp(0);

    await feeder.topUp(5);
    expect(published).toHaveLength(3);

    await feeder.topUp(20);
    expect(published).toEqual(['request-0', 'request-1', 'request-2', 'request-3', 'request-4']);
  });

  it('is done once every request is published, and publishes nothing more', async () => {
    const { feeder, published } = feederOf(requests(2), 100);

    await feeder.topUp(0);
    await feeder.topUp(20);

    expect(feeder.done).toBe(true);
    expect(published).toHaveLength(2);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => feederOf(requests(1), 0)).toThrow(/maxUnresolved/);
  });
});

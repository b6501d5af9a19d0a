import { Logger } from '@nestjs/common';
import { CallAcceptedV1, partitionKeyOf, partitionOf } from '@meridian/contracts';
import type { WriteKeyOwner } from '@meridian/workspaces';
import { CallPublisher } from './call-publisher';
import { IngestRejection } from './ingest-rejection';
import { IngestService } from './ingest.service';

class RecordingPublisher extends CallPublisher {
  readonly published: CallAcceptedV1[] = [];
  failWith: Error | null = null;

  async publish(event: CallAcceptedV1): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.published.push(event);
  }
}

const owners: Record<string, WriteKeyOwner> = {
  'key-a': { workspaceId: 'ws_a', sourceId: 'src_a' },
  'key-b': { workspaceId: 'ws_b', sourceId: 'src_b' },
};
const writeKeys = { authenticate: async (key: string) => owners[key] ?? null };
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const trackBody = {
  messageId: 'm-1',
  userId: 'u-42',
  event: 'Order Completed',
  properties: { total: 9 },
};

async function rejectionOf(attempt: Promise<unknown>): Promise<IngestRejection> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof IngestRejection) return error;
    throw error;
  }
  throw new Error('expected an IngestRejection');
}

describe('IngestService', () => {
  let publisher: RecordingPublisher;
  let service: IngestService;

  beforeEach(() => {
    publisher = new RecordingPublisher();
    service = new IngestService(writeKeys, publisher, { partitions: 8 });
  });

  it('publishes a valid CallAcceptedV1 on the partition of the call identity', async () => {
    await service.ingest({ type: 'track', body: trackBody, authorization: basic('key-a') });

    expect(publisher.published).toHaveLength(1);
    const event = CallAcceptedV1.parse(publisher.published[0]);
    expect(event.workspaceId).toBe('ws_a');
    expect(event.payload.sourceId).toBe('src_a');
    expect(event.payload.partition).toBe(partitionOf(partitionKeyOf({ userId: 'u-42' }), 8));
    expect(event.correlationId).toBe(event.id);
    expect(event.causationId).toBeNull();
    expect(event.occurredAt).toBe(event.payload.call.timestamp);
    expect(event.receivedAt).toBe(event.payload.call.receivedAt);
  });

  it('derives the same event id for a retried call, and different ids across workspaces', async () => {
    await service.ingest({ type: 'track', body: trackBody, authorization: basic('key-a') });
    await service.ingest({ type: 'track', body: trackBody, authorization: basic('key-a') });
    await service.ingest({ type: 'track', body: trackBody, authorization: basic('key-b') });

    const [first, retry, otherWorkspace] = publisher.published;
    expect(retry?.id).toBe(first?.id);
    expect(otherWorkspace?.id).not.toBe(first?.id);
  });

  it('accepts the write key from the body', async () => {
    await service.ingest({
      type: 'identify',
      body: { writeKey: 'key-b', anonymousId: 'a-1' },
      authorization: undefined,
    });
    expect(publisher.published[0]?.workspaceId).toBe('ws_b');
  });

  it('refuses an unknown or missing write key with INVALID_WRITE_KEY and publishes nothing', async () => {
    const unknown = await rejectionOf(
      service.ingest({ type: 'track', body: trackBody, authorization: basic('nope') }),
    );
    const missing = await rejectionOf(
      service.ingest({ type: 'track', body: trackBody, authorization: undefined }),
    );

    expect([unknown.code, unknown.status]).toEqual(['INVALID_WRITE_KEY', 401]);
    expect(missing.code).toBe('INVALID_WRITE_KEY');
    expect(publisher.published).toHaveLength(0);
  });

  it('answers STREAM_UNAVAILABLE with Retry-After when the stream does not acknowledge, and logs why', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    publisher.failWith = new Error('no responders');

    const rejection = await rejectionOf(
      service.ingest({ type: 'track', body: trackBody, authorization: basic('key-a') }),
    );

    expect(rejection.code).toBe('STREAM_UNAVAILABLE');
    expect(rejection.status).toBe(503);
    expect(rejection.headers).toEqual({ 'Retry-After': '5' });
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining('failed'),
      expect.stringContaining('no responders'),
    );
    logged.mockRestore();
  });
});

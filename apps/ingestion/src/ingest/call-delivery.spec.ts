import { Logger } from '@nestjs/common';
import type { CallAcceptedV1 } from '@meridian/contracts';
import { MetricsRegistry } from '@meridian/observability';
import { MemoryDedupe, RecordingPublisher } from '../testing/ingest-doubles';
import { callAcceptedEvent } from './call-accepted-event';
import { CallDelivery } from './call-delivery';
import { IngestRejection } from './ingest-rejection';
import { IngestMetrics } from './ingest.metrics';

const receivedAt = '2026-03-01T12:00:00.000Z';
const event = (messageId: string): CallAcceptedV1 =>
  callAcceptedEvent({
    workspaceId: 'ws',
    sourceId: 'src',
    partition: 0,
    call: {
      type: 'identify',
      messageId,
      userId: 'u',
      traits: {},
      context: {},
      integrations: {},
      timestamp: receivedAt,
      receivedAt,
    },
  });

describe('CallDelivery', () => {
  let publisher: RecordingPublisher;
  let dedupe: MemoryDedupe;
  let metrics: MetricsRegistry;
  let delivery: CallDelivery;
  const steps: string[] = [];

  beforeEach(() => {
    steps.length = 0;
    publisher = new RecordingPublisher();
    dedupe = new MemoryDedupe();
    metrics = new MetricsRegistry('delivery-spec', { defaultMetrics: false });
    delivery = new CallDelivery(publisher, dedupe, new IngestMetrics(metrics));
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  const duplicatesCounted = async () =>
    Number(/meridian_ingest_duplicates_total\{[^}]*\} (\d+)/.exec(await metrics.expose())?.[1]);

  it('looks up, then publishes, then records', async () => {
    jest.spyOn(dedupe, 'seen').mockImplementation(async () => {
      steps.push('look up');
      return new Set();
    });
    const publish = publisher.publishAll.bind(publisher);
    jest.spyOn(publisher, 'publishAll').mockImplementation(async (events) => {
      steps.push('publish');
      return publish(events);
    });
    jest.spyOn(dedupe, 'record').mockImplementation(async () => {
      steps.push('record');
    });

    await delivery.deliver([event('a')]);

    expect(steps).toEqual(['look up', 'publish', 'record']);
  });

  it('publishes only calls not seen before, and counts the others as duplicates', async () => {
    await delivery.deliver([event('a')]);

    await delivery.deliver([event('a'), event('b'), event('b')]);

    expect(publisher.published.map((stored) => stored.payload.call.messageId)).toEqual(['a', 'b']);
    expect(await duplicatesCounted()).toBe(2);
  });

  it('counts a duplicate the stream dropped (one racing between look-up and record)', async () => {
    await publisher.publishAll([event('raced')]);

    await delivery.deliver([event('raced')]);

    expect(publisher.published).toHaveLength(1);
    expect(await duplicatesCounted()).toBe(1);
  });

  it('answers STREAM_UNAVAILABLE and publishes nothing when the look-up fails', async () => {
    dedupe.failSeenWith = new Error('bucket not found');

    await expect(delivery.deliver([event('a')])).rejects.toMatchObject({
      code: 'STREAM_UNAVAILABLE',
      status: 503,
    });
    expect(publisher.published).toHaveLength(0);
  });

  it('records nothing when the publish fails, so a retry is not taken for a duplicate', async () => {
    publisher.failWith = new Error('timeout');

    await expect(delivery.deliver([event('a')])).rejects.toBeInstanceOf(IngestRejection);
    expect(dedupe.recorded.size).toBe(0);
  });

  it('accepts calls whose record failed, as they are stored, and counts the failure', async () => {
    dedupe.failRecordWith = new Error('kv timeout');

    await delivery.deliver([event('a')]);
    // The record runs after the answer; let it settle.
    await new Promise((resolve) => setImmediate(resolve));

    expect(publisher.published).toHaveLength(1);
    expect(await metrics.expose()).toMatch(
      /meridian_ingest_dedupe_record_failures_total\{[^}]*\} 1/,
    );
  });
});

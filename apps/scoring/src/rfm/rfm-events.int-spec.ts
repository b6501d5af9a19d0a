import type { INestApplication } from '@nestjs/common';
import {
  ProfileScoresUpdatedV2,
  ScoreUpdatedV1,
  SegmentEnteredV1,
  SegmentExitedV1,
  subjects,
  type EventsResolvedV1,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { loadScoringConfig } from '../config';
import { createScoringApp } from '../create-app';
import { adminApi, scoringConsumersIdle } from './test-support/rfm-harness';
import {
  messageEvent,
  messageSubject,
  orderCompleted,
  orderRefunded,
  trackEvent,
} from './test-support/rfm-events';

const PARTITIONS = 2;
const WORKSPACE = 'ws-rfm';
const KEY = 'rfm-reader';
const buyer = { workspaceId: WORKSPACE, profileId: 'p-buyer', partition: 1 };
const reader = { workspaceId: WORKSPACE, profileId: 'p-reader', partition: 0 };

describe('RFM from events on real NATS and FerretDB (replay clock)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let api: ReturnType<typeof adminApi>;

  const idle = () =>
    waitFor(() => scoringConsumersIdle(namespace.admin.jsm, namespace.names, PARTITIONS), {
      description: "scoring's consumers to handle every event",
      timeoutMs: 20_000,
    });
  /** The bodies of a stream's messages of one type, by envelope id. */
  const published = async (stream: 'INGEST' | 'PROFILES', type: string) => {
    const bodies = (await namespace.readStream(stream)).map((stored) => stored.body);
    const typed = bodies.filter(
      (body): body is { id: string; type: string } =>
        typeof body === 'object' && body !== null && 'type' in body && body.type === type,
    );
    return new Map(typed.map((body) => [body.id, body]));
  };

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'rfm-events', partitions: PARTITIONS });
    const env = namespace.env({
      LOG_LEVEL: 'silent',
      RFM_DEFAULT_CLOCK: 'replay',
      RFM_POPULATION_CACHE_MS: '0',
      RFM_SWEEP_INTERVAL_MS: '0',
    });
    app = await createScoringApp(loadScoringConfig(env));
    const baseUrl = await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    await app
      .get(AdminKeyService)
      .seed({ rawKey: KEY, name: 'reader', role: 'read-only', workspaceId: WORKSPACE });
    api = adminApi(baseUrl, KEY);
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  const resolved = async (...events: EventsResolvedV1[]) => {
    for (const event of events)
      await publisher.publish(subjects.eventsResolved(event.payload.partition), event);
  };

  it('counts distinct completed orders, nets refunds and measures recency at the replay clock', async () => {
    await resolved(
      orderCompleted(buyer, 'e-1', '2011-01-03T10:00:00.000Z', { orderId: 'o-1', revenue: 100.5 }),
      orderCompleted(buyer, 'e-2', '2011-01-05T10:00:00.000Z', { orderId: 'o-2', revenue: 50 }),
      // The same order completed again: counted once, its first revenue kept.
      orderCompleted(buyer, 'e-3', '2011-01-06T10:00:00.000Z', { orderId: 'o-1', revenue: 999 }),
      orderRefunded(buyer, 'e-4', '2011-01-08T12:00:00.000Z', { orderId: 'o-2', revenue: 20 }),
      trackEvent(buyer, { id: 'e-5', at: '2011-03-01T00:00:00.000Z', event: 'Product Viewed' }),
    );
    await idle();

    const now = await api.get(`/v1/rfm/profiles/${buyer.profileId}`);
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({
      asOf: '2011-01-08T12:00:00.000Z',
      rfm: { recencyDays: 3, frequency: 2, monetary: 130.5 },
    });
    const later = await api.get(
      `/v1/rfm/profiles/${buyer.profileId}?asOf=2011-02-01T00:00:00.000Z`,
    );
    expect(later.body).toMatchObject({
      asOf: '2011-02-01T00:00:00.000Z',
      rfm: { recencyDays: 26, frequency: 2, monetary: 130.5 },
    });
  });

  it('publishes scores for identity, score.updated and segment changes under ids derived from the event', async () => {
    const commands = await published('INGEST', 'profile.scores.updated');
    const scores = await published('PROFILES', 'score.updated');
    const entered = await published('PROFILES', 'segment.entered');
    const exited = await published('PROFILES', 'segment.exited');

    // The models publish scores of their own (`:model-…` ids); these are RFM's.
    const rfmOnly = (ids: Iterable<string>) => [...ids].filter((id) => !id.includes(':model-'));
    expect(rfmOnly(commands.keys())).toEqual([
      'e-1:rfm-scores',
      'e-2:rfm-scores',
      'e-4:rfm-scores',
    ]);
    expect(rfmOnly(scores.keys())).toEqual([
      'e-1:score-updated',
      'e-2:score-updated',
      'e-4:score-updated',
    ]);
    const first = ProfileScoresUpdatedV2.parse(commands.get('e-1:rfm-scores'));
    expect(first.payload).toEqual({
      profileId: buyer.profileId,
      partition: 1,
      scoredAt: '2011-01-03T10:00:00.000Z',
      scores: [],
      // Alone in its population, the first buyer scores 1, 1, 1.
      segments: { entered: ['Lost'], exited: [] },
      rfm: {
        recencyDays: 0,
        frequency: 1,
        monetary: 100.5,
        r: 1,
        f: 1,
        m: 1,
        segment: 'Lost',
        trend: null,
      },
      hops: 0,
    });
    // Against its own first order, the second is more recent, more frequent and bigger.
    const second = ProfileScoresUpdatedV2.parse(commands.get('e-2:rfm-scores'));
    expect(second.payload.segments).toEqual({
      entered: ['Champions', 'Accelerating'],
      exited: ['Lost'],
    });
    const refund = ScoreUpdatedV1.parse(scores.get('e-4:score-updated'));
    expect(refund.payload.rfm).toEqual({
      recencyDays: 3,
      frequency: 2,
      monetary: 130.5,
      r: 1,
      f: 1,
      m: 1,
      segment: 'Lost',
      trend: 'accelerating',
    });
    expect(refund.causationId).toBe('e-4');
    expect([...entered.keys()]).toEqual([
      'e-1:entered:lost',
      'e-2:entered:champions',
      'e-2:entered:accelerating',
      'e-4:entered:lost',
    ]);
    expect([...exited.keys()]).toEqual(['e-2:exited:lost', 'e-4:exited:champions']);
    expect(SegmentEnteredV1.parse(entered.get('e-2:entered:champions')).payload).toEqual({
      profileId: buyer.profileId,
      partition: 1,
      segment: 'Champions',
      kind: 'rfm',
      asOf: '2011-01-05T10:00:00.000Z',
      reason: 'event',
    });
    expect(SegmentExitedV1.parse(exited.get('e-2:exited:lost')).payload.kind).toBe('rfm');
    expect(SegmentEnteredV1.parse(entered.get('e-2:entered:accelerating')).payload.kind).toBe(
      'trend',
    );
  });

  it('applies a redelivered event once: same values, nothing published again', async () => {
    const before = (await namespace.readStream('PROFILES')).length;
    const jetstream = namespace.admin.publishing.jetstream;
    for (const event of [
      orderCompleted(buyer, 'e-2', '2011-01-05T10:00:00.000Z', { orderId: 'o-2', revenue: 50 }),
      orderRefunded(buyer, 'e-4', '2011-01-08T12:00:00.000Z', { orderId: 'o-2', revenue: 20 }),
    ]) {
      // A second stream message with the same envelope id: what a redelivery hands the handler.
      await jetstream.publish(
        namespace.names.subject(subjects.eventsResolved(event.payload.partition)),
        JSON.stringify(event),
        { msgID: `${event.id}-again` },
      );
    }
    await idle();

    expect((await namespace.readStream('PROFILES')).length).toBe(before);
    const again = await api.get(`/v1/rfm/profiles/${buyer.profileId}`);
    expect(again.body).toMatchObject({ rfm: { frequency: 2, monetary: 130.5 } });
  });

  it('feeds engagement per channel from deliveries, first opens and first clicks', async () => {
    const email = { channel: 'email' as const };
    const events = [
      messageEvent('sent', reader, { id: 'x-1', at: '2011-01-10T08:00:00.000Z', messageId: 'm-1' }),
      messageEvent('delivered', reader, {
        id: 'x-2',
        at: '2011-01-10T08:00:01.000Z',
        messageId: 'm-1',
      }),
      messageEvent('opened', reader, {
        id: 'x-3',
        at: '2011-01-10T09:00:00.000Z',
        messageId: 'm-1',
      }),
      // Opened again: the first open of a message is what counts.
      messageEvent('opened', reader, {
        id: 'x-4',
        at: '2011-01-10T10:00:00.000Z',
        messageId: 'm-1',
      }),
      messageEvent('clicked', reader, {
        id: 'x-5',
        at: '2011-01-10T10:01:00.000Z',
        messageId: 'm-1',
      }),
      messageEvent('delivered', reader, {
        id: 'x-6',
        at: '2011-01-11T08:00:00.000Z',
        messageId: 'm-2',
        ...email,
      }),
      messageEvent('delivered', reader, {
        id: 'x-7',
        at: '2011-01-11T08:00:00.000Z',
        messageId: 'm-3',
        channel: 'sms',
      }),
    ];
    for (const event of events) await publisher.publish(messageSubject(event), event);
    await idle();

    const view = await api.get(
      `/v1/rfm/profiles/${reader.profileId}?asOf=2011-01-12T08:00:00.000Z`,
    );
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      rfm: { recencyDays: null, frequency: 0, monetary: 0, r: null, segment: null },
      engagement: [
        {
          channel: 'email',
          recencyDays: 1,
          frequency: 2,
          received: 2,
          opened: 1,
          clicked: 1,
          openRate: 0.5,
          clickRate: 0.5,
        },
        {
          channel: 'sms',
          recencyDays: null,
          frequency: 0,
          received: 1,
          opened: 0,
          clicked: 0,
          openRate: 0,
          clickRate: 0,
        },
      ],
    });
    // Every lifecycle event was acknowledged: none was dead-lettered.
    expect(await namespace.readStream('DLQ')).toEqual([]);
  });

  it('answers 404 for a profile RFM never saw and 400 for an asOf that is no instant', async () => {
    expect((await api.get('/v1/rfm/profiles/nobody')).status).toBe(404);
    const invalid = await api.get(`/v1/rfm/profiles/${buyer.profileId}?asOf=yesterday`);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { code: 'invalid_request' } });
  });
});

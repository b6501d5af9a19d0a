import type { INestApplication } from '@nestjs/common';
import {
  CallAcceptedV1,
  MessageSkippedV1,
  partitionKeyOf,
  partitionOf,
  ProfileScoresUpdatedV2,
  ProfileUpdatedV1,
  subjects,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { ProfileApiService } from '../profile-api';
import { ProfileRepository } from './profile.repository';
import type { Profile } from './profile.model';

const PARTITIONS = 2;
const WORKSPACE = 'ws-golden';
const USER = { userId: '12347' };
const WAIT_MS = 30_000;
const partition = partitionOf(partitionKeyOf(USER), PARTITIONS);

/** A call as ingestion accepts it (keys escaped, partitioned by userId), from source "shop". */
function accepted(id: string, at: string, fields: Record<string, unknown>): CallAcceptedV1 {
  return CallAcceptedV1.parse({
    id,
    type: 'call.accepted',
    version: 1,
    workspaceId: WORKSPACE,
    occurredAt: at,
    receivedAt: at,
    correlationId: id,
    causationId: null,
    payload: {
      partition,
      sourceId: 'shop',
      call: { messageId: id, ...USER, timestamp: at, receivedAt: at, ...fields },
    },
  });
}

// An order and a cancellation as the Online Retail import maps them (orderId, revenue, GBP).
const order = {
  type: 'track',
  event: 'Order Completed',
  properties: {
    orderId: '536365',
    revenue: 139.12,
    currency: 'GBP',
    products: [{ product_id: '85123A', quantity: 6, price: 2.55 }],
  },
};
const identify = accepted('golden-identify', '2011-12-01T08:00:00.000Z', {
  type: 'identify',
  traits: {
    email: 'buyer@example.com',
    email_subscribe: 'opted_in',
    push_subscribe: 'unsubscribed',
  },
  // Ingestion escapes the dot in the category name before the call reaches identity.
  context: { consent: { categoryPreferences: { Advertising: false, 'ads%2Eretargeting': true } } },
});
const completed = accepted('golden-order', '2011-12-01T08:26:00.000Z', order);
const refunded = accepted('golden-refund', '2011-12-02T09:00:00.000Z', {
  type: 'track',
  event: 'Order Refunded',
  properties: { orderId: 'C536379', revenue: 27.5, currency: 'GBP' },
});
// The same order imported again: another message id, the same order id.
const replayed = accepted('golden-order-again', '2011-12-01T08:26:00.000Z', order);

describe('the golden record: commerce, consent, subscriptions, engagement and scores (real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let profiles: ProfileRepository;

  async function profileAtRevision(revision: number): Promise<Profile> {
    return waitFor(
      async () => {
        const [profile] = await profiles.findByTrait(WORKSPACE, {
          trait: 'email',
          values: ['buyer@example.com'],
          afterProfileId: undefined,
          limit: 1,
        });
        return profile !== undefined && profile.revision >= revision ? profile : undefined;
      },
      { description: `the profile at revision ${revision}`, timeoutMs: WAIT_MS },
    );
  }

  async function updatesCausedBy(eventId: string): Promise<ProfileUpdatedV1[]> {
    return (await namespace.readStream('PROFILES'))
      .map((stored) => ProfileUpdatedV1.safeParse(stored.body))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
      .filter((update) => update.causationId === eventId);
  }

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'identity-golden', partitions: PARTITIONS });
    const config = loadIdentityConfig(namespace.env({ GRPC_PORT: '0' }));
    app = await createIdentityApp(config, { logDestination: { write: () => undefined } });
    await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    profiles = app.get(ProfileRepository);
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  it('adds the order once, takes the refund off the net and keeps consent and subscriptions', async () => {
    for (const event of [identify, completed, refunded, replayed])
      await publisher.publish(subjects.ingest(partition), event);

    const profile = await profileAtRevision(4);

    expect(profile.computed.commerce).toEqual({
      lifetimeRevenue: 139.12,
      refundedRevenue: 27.5,
      netRevenue: 111.62,
      orderCount: 1,
      currency: 'GBP',
      lastOrder: { orderId: '536365', revenue: 139.12, at: '2011-12-01T08:26:00.000Z' },
    });
    expect(profile.countedOrderKeys).toEqual(['refund|C536379|27.5', 'order|536365']);
    expect(profile.consent).toEqual([
      { category: 'Advertising', granted: false, at: '2011-12-01T08:00:00.000Z', sourceId: 'shop' },
      {
        category: 'ads.retargeting',
        granted: true,
        at: '2011-12-01T08:00:00.000Z',
        sourceId: 'shop',
      },
    ]);
    expect(profile.subscriptions).toEqual([
      { channel: 'email', state: 'subscribed', at: '2011-12-01T08:00:00.000Z', source: 'shop' },
      { channel: 'push', state: 'unsubscribed', at: '2011-12-01T08:00:00.000Z', source: 'shop' },
    ]);

    const [identified] = await updatesCausedBy(identify.id);
    expect(Object.keys(identified?.payload.changes ?? {})).toEqual(
      expect.arrayContaining(['consent', 'subscriptions']),
    );
    const [ordered] = await updatesCausedBy(completed.id);
    expect(ordered?.payload.changes['computed.commerce']).toMatchObject({ orderCount: 1 });
    const [replay] = await updatesCausedBy(replayed.id);
    expect(replay?.payload.revision).toBe(4);
    expect(Object.keys(replay?.payload.changes ?? {})).not.toContain('computed.commerce');
  });

  it('counts a skipped message on its channel', async () => {
    const { profileId } = await profileAtRevision(4);
    const skipped = MessageSkippedV1.parse({
      id: 'golden-skipped',
      type: 'message.skipped',
      version: 1,
      workspaceId: WORKSPACE,
      occurredAt: '2011-12-03T10:00:00.000Z',
      receivedAt: '2011-12-03T10:00:00.000Z',
      correlationId: 'golden-skipped',
      causationId: null,
      payload: {
        messageId: 'message-1',
        profileId,
        partition,
        channel: 'push',
        templateId: 'winback',
        journeyId: null,
        reason: 'unsubscribed from push',
      },
    });
    await publisher.publish(subjects.message('skipped', 'push', partition), skipped);

    const profile = await profileAtRevision(5);

    expect(profile.computed.engagement).toEqual([
      expect.objectContaining({ channel: 'push', skipped: 1, sent: 0 }),
    ]);
    expect(profile.messages[0]).toMatchObject({
      status: 'skipped',
      detail: 'unsubscribed from push',
    });
  });

  it('writes the scores and segments scoring sends and serves them with the record', async () => {
    const { profileId } = await profileAtRevision(5);
    const rfm = {
      recencyDays: 2,
      frequency: 7,
      monetary: 4310,
      r: 5,
      f: 5,
      m: 5,
      segment: 'Champions',
      trend: 'steady',
    } as const;
    const scores = ProfileScoresUpdatedV2.parse({
      id: 'golden-scores',
      type: 'profile.scores.updated',
      version: 2,
      workspaceId: WORKSPACE,
      occurredAt: '2011-12-10T00:00:00.000Z',
      receivedAt: '2011-12-10T00:00:00.000Z',
      correlationId: 'golden-scores',
      causationId: null,
      payload: {
        profileId,
        partition,
        scoredAt: '2011-12-10T00:00:00.000Z',
        scores: [
          { name: 'rfm.recency', value: 5 },
          { name: 'churn', value: 0.12 },
        ],
        segments: { entered: ['Champions'] },
        rfm,
      },
    });
    await publisher.publish(subjects.ingest(partition), scores);

    const profile = await profileAtRevision(6);

    expect(profile.scores).toEqual([
      { name: 'rfm.recency', value: 5, at: '2011-12-10T00:00:00.000Z' },
      { name: 'churn', value: 0.12, at: '2011-12-10T00:00:00.000Z' },
    ]);
    expect(profile.segments).toEqual([
      { name: 'Champions', enteredAt: '2011-12-10T00:00:00.000Z' },
    ]);
    expect(profile.rfm).toEqual({ ...rfm, at: '2011-12-10T00:00:00.000Z' });
    const [update] = await updatesCausedBy(scores.id);
    expect(update?.payload).toMatchObject({
      profileId,
      revision: 6,
      changes: { scores: profile.scores, segments: profile.segments, 'scores.rfm': profile.rfm },
    });

    const { record } = await app.get(ProfileApiService).get(WORKSPACE, profileId);
    expect(record).toMatchObject({
      scores: { rfm: profile.rfm, values: profile.scores },
      segments: profile.segments,
      consent: profile.consent,
      subscriptions: profile.subscriptions,
      computed: expect.objectContaining({ commerce: profile.computed.commerce }),
    });
    expect(record).not.toHaveProperty('countedOrderKeys');
  });
});

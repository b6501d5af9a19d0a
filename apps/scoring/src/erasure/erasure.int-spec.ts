import type { INestApplication } from '@nestjs/common';
import { subjects, type EventsResolvedV1, type ProfileErasedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { openDatabase, type DatabaseHandle } from '@meridian/persistence';
import {
  createTestNamespace,
  deletionConfirmationsOf,
  waitForDeletionConfirmation,
  findReferences,
  profileErasedEvent,
  type TestNamespace,
} from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { loadScoringConfig } from '../config';
import { createScoringApp } from '../create-app';
import { ModelsMaintenance, ModelVersionDocument, modelProfileId } from '../models';
import { RfmPartitionDocument, RfmSweepService, rfmPartitionId, rfmProfileId } from '../rfm';
import { scoringConsumersIdle } from '../rfm/test-support/rfm-harness';
import {
  messageEvent,
  messageSubject,
  orderCompleted,
  type ProfileOf,
} from '../rfm/test-support/rfm-events';

const PARTITIONS = 2;
const WORKSPACE = 'ws-erasure';
const KEY = 'erasure-admin';
const WAIT = { timeoutMs: 20_000, intervalMs: 100 };
// Ids no other value of the suite contains, so findReferences finds only what names them.
const zoe = { workspaceId: WORKSPACE, profileId: 'zoe-7f3a', partition: 1 };
const bob = { workspaceId: WORKSPACE, profileId: 'bob-51c2', partition: 1 };
const annHere = { workspaceId: WORKSPACE, profileId: 'ann-0a1e', partition: 0 };
const annThere = { workspaceId: WORKSPACE, profileId: 'ann-9b2d', partition: 1 };

describe('data-subject deletions in scoring (in process, real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let baseUrl: string;
  let publisher: JetStreamPublisher;
  let database: DatabaseHandle;

  const idle = () =>
    waitFor(() => scoringConsumersIdle(namespace.admin.jsm, namespace.names, PARTITIONS), {
      description: "scoring's consumers to handle every event",
      ...WAIT,
    });
  const resolved = async (...events: EventsResolvedV1[]) => {
    for (const event of events)
      await publisher.publish(subjects.eventsResolved(event.payload.partition), event);
  };
  const erase = (event: ProfileErasedV1) =>
    publisher.publish(subjects.profileErased(event.payload.partition), event);
  const confirmationsOf = (requestId: string) => deletionConfirmationsOf(namespace, requestId);
  const waitForConfirmation = (requestId: string) =>
    waitForDeletionConfirmation(namespace, requestId);
  const documentOf = (collection: string, id: string) =>
    database.db.collection<{ _id: string }>(collection).findOne({ _id: id });
  const partition1 = async () =>
    RfmPartitionDocument.parse(await documentOf('rfm_partitions', rfmPartitionId(WORKSPACE, 1)));
  /** How many members partition 1's population sketches count, per dimension. */
  const populationOfPartition1 = async () => {
    const { sketches } = await partition1();
    return [sketches.lastOrderAt.count, sketches.frequency.count, sketches.monetary.count];
  };
  /** Messages partition 1's engagement population counts as received on email. */
  const emailsReceivedOnPartition1 = async () => {
    const champion = await database.db.collection('model_versions').findOne({
      workspaceId: WORKSPACE,
      modelId: 'best-channel',
      partition: 1,
      status: 'champion',
    });
    return ModelVersionDocument.parse(champion).metrics['received_email'];
  };
  const decide = async (profile: ProfileOf, rewardEvent?: string) => {
    const response = await fetch(`${baseUrl}/v1/nba/decisions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        actionSetId: 'homepage',
        profileId: profile.profileId,
        partition: profile.partition,
        actions: ['offer-a', 'offer-b'],
        context: { recencyDays: 3 },
        ...(rewardEvent === undefined ? {} : { rewardEvent }),
      }),
    });
    expect(response.status).toBe(201);
  };

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'scoringerasure', partitions: PARTITIONS });
    const env = namespace.env({
      LOG_LEVEL: 'silent',
      RFM_DEFAULT_CLOCK: 'replay',
      RFM_POPULATION_CACHE_MS: '0',
      RFM_SWEEP_INTERVAL_MS: '0',
      MODELS_SWEEP_INTERVAL_MS: '0',
    });
    app = await createScoringApp(loadScoringConfig(env));
    baseUrl = await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    database = await openDatabase(namespace.infra.mongoUrl, namespace.name);
    await app
      .get(AdminKeyService)
      .seed({ rawKey: KEY, name: 'erasure', role: 'admin', workspaceId: WORKSPACE });

    await resolved(
      orderCompleted(zoe, 'z-1', '2011-01-03T10:00:00.000Z', { orderId: 'o-z1', revenue: 80 }),
      orderCompleted(zoe, 'z-2', '2011-01-05T10:00:00.000Z', { orderId: 'o-z2', revenue: 20 }),
      orderCompleted(bob, 'b-1', '2011-01-04T10:00:00.000Z', { orderId: 'o-b1', revenue: 35 }),
      orderCompleted(annHere, 'a-1', '2011-01-04T11:00:00.000Z', { orderId: 'o-a1', revenue: 5 }),
      orderCompleted(annThere, 'a-2', '2011-01-04T12:00:00.000Z', { orderId: 'o-a2', revenue: 7 }),
    );
    for (const event of [
      messageEvent('delivered', zoe, {
        id: 'zm-1',
        at: '2011-01-05T11:00:00.000Z',
        messageId: 'mz',
      }),
      messageEvent('opened', zoe, { id: 'zm-2', at: '2011-01-05T12:00:00.000Z', messageId: 'mz' }),
      messageEvent('delivered', bob, {
        id: 'bm-1',
        at: '2011-01-05T11:00:00.000Z',
        messageId: 'mb',
      }),
    ])
      await publisher.publish(messageSubject(event), event);
    await idle();
    // Zoe's pending NBA decisions, one rewarded by a conversion, and Bob's, written to
    // model_versions; then a sweep, whose cursor on partition 1 rests on its last profile, Zoe.
    await decide(zoe);
    await decide(zoe, 'Order Completed');
    await decide(bob);
    await app.get(ModelsMaintenance).checkpoint();
    const sweeps = app.get(RfmSweepService);
    await sweeps.start(WORKSPACE);
    await waitFor(async () => (await sweeps.progress(WORKSPACE)).done || undefined, {
      description: 'the RFM sweep of the workspace',
      ...WAIT,
    });
  });

  afterAll(async () => {
    await database?.close();
    await app?.close();
    await namespace?.dispose();
  });

  it("deletes everything scoring holds about an erased profile, takes it out of its partition's populations, and confirms", async () => {
    const before = new Set(
      (await findReferences(database.db, [zoe.profileId])).map((found) => found.collection),
    );
    expect(before).toEqual(
      new Set(['rfm_profiles', 'rfm_partitions', 'model_profiles', 'model_versions']),
    );
    expect(await populationOfPartition1()).toEqual([3, 3, 3]);
    expect(await emailsReceivedOnPartition1()).toBe(2);

    await erase(
      profileErasedEvent({
        workspaceId: WORKSPACE,
        requestId: 'dsr_zoe',
        profileId: zoe.profileId,
        partition: 1,
      }),
    );
    const confirmation = await waitForConfirmation('dsr_zoe');

    expect(confirmation).toMatchObject({
      id: 'dsr_zoe:scoring',
      causationId: 'dsr_zoe',
      // RFM's and the models' documents, and the two pending decisions.
      payload: { requestId: 'dsr_zoe', service: 'scoring', deletedRecords: 4 },
    });
    expect(await findReferences(database.db, [zoe.profileId])).toEqual([]);
    expect(await populationOfPartition1()).toEqual([2, 2, 2]);
    expect(await emailsReceivedOnPartition1()).toBe(1);
    // The sweep cursor rested on Zoe's profile: it now rests on the one before, Bob's.
    expect((await partition1()).sweep?.lastId).toBe(rfmProfileId(WORKSPACE, bob.profileId));
    // Another person's data is untouched.
    expect(await documentOf('rfm_profiles', rfmProfileId(WORKSPACE, bob.profileId))).not.toBeNull();
    expect(
      await documentOf('model_profiles', modelProfileId(WORKSPACE, bob.profileId)),
    ).not.toBeNull();
    expect(
      (await findReferences(database.db, [bob.profileId])).map((found) => found.collection).sort(),
    ).toEqual(['model_profiles', 'model_versions', 'rfm_partitions', 'rfm_profiles']);
    expect(await namespace.readStream('DLQ')).toEqual([]);
  });

  it("creates nothing again from the erased profile's late events, and acknowledges them", async () => {
    const late = messageEvent('opened', zoe, {
      id: 'zm-late',
      at: '2011-01-20T09:00:00.000Z',
      messageId: 'mz',
    });
    await publisher.publish(messageSubject(late), late);
    const click = messageEvent('clicked', zoe, {
      id: 'zm-click',
      at: '2011-01-20T09:01:00.000Z',
      messageId: 'mz',
    });
    await publisher.publish(messageSubject(click), click);
    await resolved(
      orderCompleted(zoe, 'z-late', '2011-01-21T10:00:00.000Z', { orderId: 'o-z3', revenue: 9 }),
    );
    await idle();

    expect(await findReferences(database.db, [zoe.profileId])).toEqual([]);
    expect(await populationOfPartition1()).toEqual([2, 2, 2]);
    expect(await namespace.readStream('DLQ')).toEqual([]);
  });

  it('deletes nothing more on a redelivered erasure and confirms again under the same id', async () => {
    const event = profileErasedEvent({
      workspaceId: WORKSPACE,
      requestId: 'dsr_zoe',
      profileId: zoe.profileId,
      partition: 1,
    });
    // A second stream message with the same envelope id: what a redelivery hands the handler.
    await namespace.admin.publishing.jetstream.publish(
      namespace.names.subject(subjects.profileErased(1)),
      JSON.stringify(event),
      { msgID: `${event.id}-again` },
    );
    await idle();

    const confirmations = await confirmationsOf('dsr_zoe');
    expect(
      confirmations.map((confirmation) => [confirmation.id, confirmation.payload.deletedRecords]),
    ).toEqual([['dsr_zoe:scoring', 4]]);
    expect(await populationOfPartition1()).toEqual([2, 2, 2]);
    expect(await namespace.readStream('DLQ')).toEqual([]);
  });

  it('confirms at once, with nothing deleted, a request that matched no profile', async () => {
    await erase(
      profileErasedEvent({
        workspaceId: WORKSPACE,
        requestId: 'dsr_nobody',
        profileId: null,
        partition: 0,
      }),
    );

    expect((await waitForConfirmation('dsr_nobody')).payload.deletedRecords).toBe(0);
  });

  it("confirms a request whose profiles live on two partitions only once both partitions' owners erased theirs", async () => {
    const requestProfileIds = [annHere.profileId, annThere.profileId];
    const erasureOf = (profile: ProfileOf) =>
      profileErasedEvent({
        workspaceId: WORKSPACE,
        requestId: 'dsr_ann',
        profileId: profile.profileId,
        partition: profile.partition,
        requestProfileIds,
      });

    await erase(erasureOf(annThere));
    await waitFor(
      async () =>
        (await findReferences(database.db, [annThere.profileId])).length === 0 || undefined,
      { description: "the data of Ann's profile on partition 1 deleted", ...WAIT },
    );
    await idle();
    expect(await confirmationsOf('dsr_ann')).toEqual([]);

    await erase(erasureOf(annHere));
    const confirmation = await waitForConfirmation('dsr_ann');

    expect(confirmation.payload.deletedRecords).toBe(4);
    expect(await findReferences(database.db, requestProfileIds)).toEqual([]);
    expect(await namespace.readStream('DLQ')).toEqual([]);
  });
});

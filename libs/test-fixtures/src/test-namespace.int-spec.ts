import { streams, subjects, type StreamKey } from '@meridian/contracts';
import {
  connectJetStreamAdmin,
  JetStreamPublisher,
  NatsClient,
  type JetStreamAdmin,
} from '@meridian/messaging';
import { openDatabase } from '@meridian/persistence';
import { createTestNamespace, type TestNamespace } from './test-namespace';
import { testInfra } from '@meridian/testing';

// Jest applies only the global testTimeout, not the preset's per-project one.
jest.setTimeout(30_000);

const STREAM_KEYS = Object.keys(streams) as StreamKey[];

/** Which of `names` the server has a stream of. */
async function existing(admin: JetStreamAdmin, names: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of names) {
    const exists = await admin.jsm.streams.info(name).then(
      () => true,
      (error: unknown) => {
        if (String(error).includes('stream not found')) return false;
        throw error;
      },
    );
    if (exists) found.push(name);
  }
  return found;
}

async function collectionNames(mongoUrl: string, database: string): Promise<string[]> {
  const handle = await openDatabase(mongoUrl, database);
  try {
    return (await handle.db.listCollections().toArray()).map((collection) => collection.name);
  } finally {
    await handle.close();
  }
}

describe('createTestNamespace', () => {
  let namespace: TestNamespace | undefined;
  // The namespace's own admin connection is closed by dispose: this one looks afterwards.
  let observer: JetStreamAdmin;

  beforeAll(async () => {
    observer = await connectJetStreamAdmin(testInfra().natsUrl, 'test-namespace-spec');
  });

  afterEach(async () => {
    await namespace?.dispose();
  });

  afterAll(async () => {
    await observer?.close();
  });

  it('provisions every stream of a fresh namespace and removes streams and database on dispose', async () => {
    const created = await createTestNamespace({ label: 'fixture', partitions: 2 });
    namespace = created;
    const streamNames = STREAM_KEYS.map((key) => created.names.stream(key));
    expect(await existing(created.admin, streamNames)).toEqual(streamNames);
    const handle = await openDatabase(created.infra.mongoUrl, created.name);
    await handle.db.collection('things').insertOne({ workspaceId: 'ws', n: 1 });
    await handle.close();
    expect(await collectionNames(created.infra.mongoUrl, created.name)).toEqual(['things']);

    await created.dispose();

    expect(await existing(observer, streamNames)).toEqual([]);
    expect(await collectionNames(created.infra.mongoUrl, created.name)).toEqual([]);
    await expect(created.dispose()).resolves.toBeUndefined();
  });

  it('reads what was published to a stream of the namespace, and gives services its environment', async () => {
    const created = await createTestNamespace({ label: 'fixture', partitions: 3 });
    namespace = created;
    expect(created.env({ SMTP_URL: 'smtp://127.0.0.1:1' })).toMatchObject({
      NATS_URL: created.infra.natsUrl,
      MONGO_DB: created.name,
      MERIDIAN_NAMESPACE: created.name,
      MERIDIAN_PARTITIONS: '3',
      SMTP_URL: 'smtp://127.0.0.1:1',
    });
    const event = {
      id: 'evt-1',
      type: 'test.happened',
      version: 1,
      workspaceId: 'ws',
      occurredAt: '2026-01-01T00:00:00.000Z',
      receivedAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'evt-1',
      causationId: null,
      payload: { n: 1 },
    };
    const client = new NatsClient({ natsUrl: created.infra.natsUrl, serviceName: 'spec' });
    await client.connect();
    try {
      const publisher = new JetStreamPublisher(client, {
        namespace: created.names,
        publishTimeoutMs: 2_000,
      });
      await publisher.publish(subjects.ingest(2), event);
    } finally {
      await client.drain();
    }

    expect(await created.readStream('INGEST')).toEqual([
      expect.objectContaining({ subject: created.names.subject(subjects.ingest(2)), body: event }),
    ]);
    expect(await created.readStream('EVENTS')).toEqual([]);
  });

  it('provisions nothing when asked to leave provisioning to the suite', async () => {
    const created = await createTestNamespace({
      label: 'fixture',
      partitions: 1,
      provision: false,
    });
    namespace = created;

    expect(await existing(created.admin, [created.names.stream('INGEST')])).toEqual([]);
    await expect(created.readStream('INGEST')).rejects.toThrow(/stream not found/);
  });

  it('rejects a partition count provisioning cannot use', async () => {
    await expect(createTestNamespace({ label: 'fixture', partitions: 0 })).rejects.toThrow(
      /partitions must be a positive integer, got 0/,
    );
  });
});

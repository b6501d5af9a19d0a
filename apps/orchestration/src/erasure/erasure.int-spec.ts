import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { subjects } from '@meridian/contracts';
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
import { createOrchestrationApp } from '../bootstrap';
import { loadOrchestrationConfig } from '../config';
import { signedUpEvent } from '../test-support/events';

const PARTITIONS = 2;
const WORKSPACE = 'ws-erasure';
const WAIT = { timeoutMs: 20_000, intervalMs: 100 };

describe('data-subject deletions in orchestration (in process, real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let database: DatabaseHandle;

  const confirmationsOf = (requestId: string) => deletionConfirmationsOf(namespace, requestId);
  const waitForConfirmation = (requestId: string) =>
    waitForDeletionConfirmation(namespace, requestId);
  const statesOf = (profileId: string) =>
    database.db.collection('journey_states').countDocuments({ profileId });

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'orcherasure', partitions: PARTITIONS });
    const config = loadOrchestrationConfig(
      namespace.env({ JOURNEYS_FILE: resolve(__dirname, '../../journeys/welcome.json') }),
    );
    app = await createOrchestrationApp(config, { logDestination: { write: () => undefined } });
    await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    database = await openDatabase(namespace.infra.mongoUrl, namespace.name);
    for (const [profileId, partition] of [
      ['prof-ada', 1],
      ['prof-bob', 1],
      ['prof-ada-2', 0],
    ] as const) {
      await publisher.publish(
        subjects.eventsResolved(partition),
        signedUpEvent({
          id: `evt-${profileId}`,
          profileId,
          traits: { email: `${profileId}@example.com` },
          workspaceId: WORKSPACE,
          partition,
        }),
      );
    }
    await waitFor(
      async () =>
        (await database.db.collection('journey_states').countDocuments({})) === 3 || undefined,
      { description: 'three journey states', ...WAIT },
    );
  });

  afterAll(async () => {
    await database?.close();
    await app?.close();
    await namespace?.dispose();
  });

  it("deletes an erased profile's journey states on its partition's owner and confirms once both of the request's profiles are erased", async () => {
    const requestProfileIds = ['prof-ada', 'prof-ada-2'];
    await publisher.publish(
      subjects.profileErased(1),
      profileErasedEvent({
        workspaceId: WORKSPACE,
        requestId: 'dsr_ada',
        profileId: 'prof-ada',
        partition: 1,
        requestProfileIds,
      }),
    );
    await waitFor(async () => (await statesOf('prof-ada')) === 0 || undefined, {
      description: "prof-ada's states deleted",
      ...WAIT,
    });
    expect(await confirmationsOf('dsr_ada')).toEqual([]);

    await publisher.publish(
      subjects.profileErased(0),
      profileErasedEvent({
        workspaceId: WORKSPACE,
        requestId: 'dsr_ada',
        profileId: 'prof-ada-2',
        partition: 0,
        requestProfileIds,
      }),
    );
    const confirmation = await waitForConfirmation('dsr_ada');

    expect(confirmation).toMatchObject({
      id: 'dsr_ada:orchestration',
      causationId: 'dsr_ada',
      payload: { requestId: 'dsr_ada', service: 'orchestration', deletedRecords: 2 },
    });
    expect(await findReferences(database.db, requestProfileIds)).toEqual([]);
    expect(await statesOf('prof-bob')).toBe(1);
    expect(await namespace.readStream('DLQ')).toEqual([]);
  });

  it('confirms at once, with nothing deleted, a request that matched nobody', async () => {
    await publisher.publish(
      subjects.profileErased(0),
      profileErasedEvent({
        workspaceId: WORKSPACE,
        requestId: 'dsr_nobody',
        profileId: null,
        partition: 0,
      }),
    );

    expect((await waitForConfirmation('dsr_nobody')).payload.deletedRecords).toBe(0);
  });
});

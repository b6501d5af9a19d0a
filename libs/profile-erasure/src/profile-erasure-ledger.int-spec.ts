import { Logger } from '@nestjs/common';
import { JetStreamPublisher, NatsClient, PermanentError } from '@meridian/messaging';
import { ensureCollections, openDatabase, type DatabaseHandle } from '@meridian/persistence';
import {
  createTestNamespace,
  deletionConfirmationsOf,
  findReferences,
  profileErasedEvent,
  type TestNamespace,
} from '@meridian/test-fixtures';
import { erasedProfilesCollection } from './erased-profiles.collection';
import { ErasedProfilesRepository } from './erased-profiles.repository';
import { ProfileErasureLedger } from './profile-erasure-ledger';

const COLLECTION = 'spec_erased_profiles';
const WORKSPACE = 'ws-ledger';

const erased = (requestId: string, profileId: string | null, requestProfileIds: string[]) =>
  profileErasedEvent({
    workspaceId: WORKSPACE,
    requestId,
    profileId,
    partition: 0,
    requestProfileIds,
  });

describe('ProfileErasureLedger on FerretDB and NATS', () => {
  let namespace: TestNamespace;
  let database: DatabaseHandle;
  let client: NatsClient;
  let ledger: ProfileErasureLedger;

  const confirmations = (requestId: string) => deletionConfirmationsOf(namespace, requestId);

  beforeAll(async () => {
    for (const level of ['log', 'debug'] as const)
      jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
    namespace = await createTestNamespace({ label: 'erasureledger', partitions: 2 });
    database = await openDatabase(namespace.infra.mongoUrl, namespace.name);
    await ensureCollections(database.db, [erasedProfilesCollection(COLLECTION)]);
    client = new NatsClient({ natsUrl: namespace.infra.natsUrl, serviceName: 'spec' });
    await client.connect();
    const publisher = new JetStreamPublisher(client, {
      namespace: namespace.names,
      publishTimeoutMs: 2_000,
    });
    ledger = new ProfileErasureLedger(
      new ErasedProfilesRepository(database.db, COLLECTION),
      publisher,
      { serviceName: 'scoring', collection: COLLECTION },
    );
  });

  afterAll(async () => {
    await client?.drain();
    await database?.close();
    await namespace?.dispose();
    jest.restoreAllMocks();
  });

  it('confirms a request once its last profile is erased, whatever order they come in, counting what each deleted', async () => {
    const deleted = new Map([
      ['prof_a', 2],
      ['prof_b', 1],
    ]);
    const eraseData = async (_workspaceId: string, profileId: string) =>
      deleted.get(profileId) ?? 0;

    await ledger.carryOut(erased('dsr_1', 'prof_b', ['prof_a', 'prof_b']), eraseData);
    expect(await confirmations('dsr_1')).toEqual([]);
    await ledger.carryOut(erased('dsr_1', 'prof_a', ['prof_a', 'prof_b']), eraseData);

    expect(await confirmations('dsr_1')).toEqual([
      expect.objectContaining({
        id: 'dsr_1:scoring',
        causationId: 'dsr_1',
        payload: { requestId: 'dsr_1', service: 'scoring', deletedRecords: 3 },
      }),
    ]);
  });

  it('on a redelivery deletes again but keeps the first count, and the stream keeps one confirmation', async () => {
    const eraseData = jest.fn(async () => 4);
    await ledger.carryOut(erased('dsr_2', 'prof_c', ['prof_c']), eraseData);
    eraseData.mockResolvedValue(0);

    await ledger.carryOut(erased('dsr_2', 'prof_c', ['prof_c']), eraseData);

    expect(eraseData).toHaveBeenCalledTimes(2);
    expect((await confirmations('dsr_2')).map((event) => event.payload.deletedRecords)).toEqual([
      4,
    ]);
  });

  it('confirms again, with the first count, a request some profile was erased for, and only such a request', async () => {
    expect(await ledger.confirmAgain(erased('dsr_1', null, []), 'dsr_1')).toBe(true);
    expect(await ledger.confirmAgain(erased('dsr_9', null, []), 'dsr_9')).toBe(false);

    expect((await confirmations('dsr_1')).map((event) => event.payload.deletedRecords)).toEqual([
      3,
    ]);
    expect(await confirmations('dsr_9')).toEqual([]);
  });

  it('confirms a request that matched no profile at once, with nothing deleted', async () => {
    const eraseData = jest.fn(async () => 1);

    await ledger.carryOut(erased('dsr_3', null, []), eraseData);

    expect(eraseData).not.toHaveBeenCalled();
    expect((await confirmations('dsr_3')).map((event) => event.payload.deletedRecords)).toEqual([
      0,
    ]);
  });

  it('marks the profile erased before its data is deleted, and counts a request complete only when every deletion finished', async () => {
    const both = ['prof_e', 'prof_f'];
    const seenDuringDeletion: boolean[] = [];
    const failing = async (workspaceId: string, profileId: string) => {
      seenDuringDeletion.push(await ledger.isErased(workspaceId, profileId));
      throw new Error('connection lost');
    };
    await expect(ledger.carryOut(erased('dsr_5', 'prof_e', both), failing)).rejects.toThrow(
      'connection lost',
    );
    await ledger.carryOut(erased('dsr_5', 'prof_f', both), async () => 1);
    expect(seenDuringDeletion).toEqual([true]);
    expect(await confirmations('dsr_5')).toEqual([]);
    expect(await ledger.confirmAgain(erased('dsr_5', null, []), 'dsr_5')).toBe(true);
    expect(await confirmations('dsr_5')).toEqual([]);

    await ledger.carryOut(erased('dsr_5', 'prof_e', both), async () => 2);

    expect((await confirmations('dsr_5')).map((event) => event.payload.deletedRecords)).toEqual([
      3,
    ]);
  });

  it("refuses for good, deleting nothing, an erasure that reached another partition's consumer", async () => {
    const eraseData = jest.fn(async () => 1);

    await expect(
      ledger.carryOut(erased('dsr_4', 'prof_d', ['prof_d']), eraseData, 1),
    ).rejects.toThrow(PermanentError);

    expect(eraseData).not.toHaveBeenCalled();
    expect(await ledger.isErased(WORKSPACE, 'prof_d')).toBe(false);
  });

  it('remembers erased profiles and their requests without keeping a profile id', async () => {
    expect(await ledger.isErased(WORKSPACE, 'prof_a')).toBe(true);
    expect(await ledger.isErased(WORKSPACE, 'prof_never')).toBe(false);
    expect(await ledger.isErased('ws-other', 'prof_a')).toBe(false);
    expect(await findReferences(database.db, ['prof_a', 'prof_b', 'prof_c'])).toEqual([]);
  });
});

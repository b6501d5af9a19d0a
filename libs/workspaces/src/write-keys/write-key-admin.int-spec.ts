import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { workspacesCollections } from '../workspaces.module';
import { hashWriteKey } from './write-key-hash';
import { WriteKeyRepository } from './write-key.repository';
import { keyIdOfWriteKey, WRITE_KEY_CACHE_TTL_MS, WriteKeyService } from './write-key.service';
import { writeKeysCollection, type WriteKeyDocument } from './write-keys.collection';

describe('WriteKeyService key management on a real database', () => {
  let database: TestDatabase;
  let now: number;
  const clock = () => now;
  const replica = () => new WriteKeyService(new WriteKeyRepository(database.db), clock);
  const owner = { workspaceId: 'ws_m', sourceId: 'web' };

  beforeAll(async () => {
    database = await createTestDatabase({ label: 'wkadmin', collections: workspacesCollections });
  });

  afterAll(async () => {
    await database?.dispose();
  });

  beforeEach(() => {
    now = Date.parse('2026-01-01T00:00:00.000Z');
  });

  it('generates a key that authenticates, with an id and a prefix of the key', async () => {
    const { key, rawKey } = await replica().create(owner);

    expect(await replica().authenticate(rawKey)).toEqual(owner);
    expect(key).toEqual({
      ...owner,
      keyId: keyIdOfWriteKey(hashWriteKey(rawKey)),
      prefix: rawKey.slice(0, 8),
      createdAt: new Date(now),
      revokedAt: null,
    });
    expect(rawKey.length).toBeGreaterThan(30);
  });

  it("lists only the source's keys, seeded ones without a prefix", async () => {
    const source = { workspaceId: 'ws_l', sourceId: 'app' };
    await replica().seedWorkspace({ ...source, writeKey: 'seeded-for-list' });
    now += 1;
    const { key } = await replica().create(source);
    await replica().create({ workspaceId: 'ws_l', sourceId: 'other' });

    const listed = await replica().list(source);

    expect(listed.map((listedKey) => listedKey.keyId)).toEqual([
      keyIdOfWriteKey(hashWriteKey('seeded-for-list')),
      key.keyId,
    ]);
    expect(listed[0]?.prefix).toBeNull();
  });

  it('revokes by id a key stored before keys had ids, deriving the same id', async () => {
    const legacy: WriteKeyDocument = {
      _id: hashWriteKey('legacy-key'),
      workspaceId: 'ws_legacy',
      sourceId: 'web',
      createdAt: new Date(now),
      revokedAt: null,
    };
    await database.db.collection<WriteKeyDocument>(writeKeysCollection.name).insertOne(legacy);
    const source = { workspaceId: 'ws_legacy', sourceId: 'web' };
    const ingestion = replica();
    expect(await ingestion.authenticate('legacy-key')).toEqual(source);

    const outcome = await replica().revokeById(source, keyIdOfWriteKey(legacy._id));

    expect(outcome).toMatchObject({ revoked: true, key: { revokedAt: new Date(now) } });
    now += WRITE_KEY_CACHE_TTL_MS;
    expect(await ingestion.authenticate('legacy-key')).toBeNull();
  });

  it("does not revoke another source's key by its id", async () => {
    const { key, rawKey } = await replica().create({ workspaceId: 'ws_x', sourceId: 'a' });

    expect(
      await replica().revokeById({ workspaceId: 'ws_x', sourceId: 'b' }, key.keyId),
    ).toBeNull();
    expect(
      await replica().revokeById({ workspaceId: 'ws_y', sourceId: 'a' }, key.keyId),
    ).toBeNull();
    expect(await replica().authenticate(rawKey)).not.toBeNull();
  });
});

import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { workspacesCollections } from '../workspaces.module';
import { AdminKeyRepository } from './admin-key.repository';
import {
  ADMIN_KEY_CACHE_TTL_MS,
  AdminKeyConflictError,
  AdminKeyService,
} from './admin-key.service';
import { adminKeysCollection } from './admin-keys.collection';

describe('AdminKeyService on a real database', () => {
  let database: TestDatabase;
  let now: number;
  const clock = () => now;
  /** A fresh service per call: another ingestion replica with its own cache. */
  const replica = () => new AdminKeyService(new AdminKeyRepository(database.db), clock);

  beforeAll(async () => {
    database = await createTestDatabase({ label: 'adminkeys', collections: workspacesCollections });
  });

  afterAll(async () => {
    await database?.dispose();
  });

  beforeEach(() => {
    now = Date.parse('2026-01-01T00:00:00.000Z');
  });

  it('creates a key that authenticates, storing neither the key nor anything but its hash', async () => {
    const { key, rawKey } = await replica().create({
      name: 'ops',
      role: 'admin',
      workspaceId: 'ws_1',
    });

    expect(await replica().authenticate(rawKey)).toEqual({
      keyId: key.keyId,
      role: 'admin',
      workspaceId: 'ws_1',
    });
    const stored = await database.db.collection(adminKeysCollection.name).find({}).toArray();
    expect(JSON.stringify(stored)).not.toContain(rawKey);
  });

  it('keeps an installation-wide key installation-wide, though the store drops its null workspace', async () => {
    const key = await replica().seed({
      rawKey: 'seeded-owner',
      name: 'owner',
      role: 'owner',
      workspaceId: null,
    });
    expect(key.workspaceId).toBeNull();
    expect(await replica().authenticate('seeded-owner')).toMatchObject({ workspaceId: null });
    expect((await replica().find(key.keyId))?.workspaceId).toBeNull();
  });

  it('seeds idempotently, and refuses to change the role of a seeded key or revive it', async () => {
    const seed = { rawKey: 'seeded-twice', name: 'x', role: 'owner' as const, workspaceId: null };
    const first = await replica().seed(seed);
    await Promise.all([replica().seed(seed), replica().seed(seed)]);
    expect(await replica().seed(seed)).toEqual(first);

    await expect(replica().seed({ ...seed, role: 'admin' })).rejects.toThrow(AdminKeyConflictError);
    await replica().revoke(first.keyId);
    await expect(replica().seed(seed)).rejects.toThrow(AdminKeyConflictError);
  });

  it('lists one workspace or every key, newest first, without secrets', async () => {
    const service = replica();
    await service.create({ name: 'a', role: 'read-only', workspaceId: 'ws_list' });
    now += 1;
    await service.create({ name: 'b', role: 'admin', workspaceId: 'ws_list' });
    await service.create({ name: 'c', role: 'admin', workspaceId: 'ws_other' });

    expect((await service.list('ws_list')).map((key) => key.name)).toEqual(['b', 'a']);
    expect((await service.list(undefined)).map((key) => key.name)).toEqual(
      expect.arrayContaining(['a', 'b', 'c']),
    );
  });

  it('refuses a key revoked by another process once the cache of at most one second expires', async () => {
    const ingestion = replica();
    const admin = replica();
    const { key, rawKey } = await admin.create({ name: 'r', role: 'admin', workspaceId: null });
    expect(await ingestion.authenticate(rawKey)).not.toBeNull();

    expect(await admin.revoke(key.keyId)).toMatchObject({ revoked: true });
    expect(await admin.authenticate(rawKey)).toBeNull();
    expect(await ingestion.authenticate(rawKey)).not.toBeNull();
    now += ADMIN_KEY_CACHE_TTL_MS;

    expect(await ingestion.authenticate(rawKey)).toBeNull();
    expect(await admin.revoke(key.keyId)).toMatchObject({ revoked: false });
    expect(await admin.revoke('ak_unknown')).toBeNull();
  });
});

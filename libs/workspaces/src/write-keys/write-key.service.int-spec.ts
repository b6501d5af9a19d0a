import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { workspacesCollections } from '../workspaces.module';
import { hashWriteKey } from './write-key-hash';
import { WriteKeyRepository } from './write-key.repository';
import {
  WRITE_KEY_CACHE_TTL_MS,
  WriteKeyConflictError,
  WriteKeyService,
} from './write-key.service';
import { writeKeysCollection, type WriteKeyDocument } from './write-keys.collection';

describe('WriteKeyService on a real database', () => {
  let database: TestDatabase;
  let now: number;
  const clock = () => now;
  /** A fresh service per call: another ingestion replica with its own cache. */
  const replica = () => new WriteKeyService(new WriteKeyRepository(database.db), clock);

  beforeAll(async () => {
    database = await createTestDatabase({ label: 'writekeys', collections: workspacesCollections });
  });

  afterAll(async () => {
    await database?.dispose();
  });

  beforeEach(() => {
    now = Date.parse('2026-01-01T00:00:00.000Z');
  });

  it('authenticates a seeded key to its workspace and source', async () => {
    const service = replica();
    await service.seedWorkspace({ workspaceId: 'ws_1', sourceId: 'src_1', writeKey: 'key-auth' });

    expect(await service.authenticate('key-auth')).toEqual({
      workspaceId: 'ws_1',
      sourceId: 'src_1',
    });
    expect(await service.authenticate('key-unknown')).toBeNull();
    expect(await service.authenticate('')).toBeNull();
  });

  it('stores only the hash of the key', async () => {
    await replica().seedWorkspace({
      workspaceId: 'ws_1',
      sourceId: 'src_1',
      writeKey: 'key-hashed',
    });

    const stored = await database.db
      .collection<WriteKeyDocument>(writeKeysCollection.name)
      .findOne({ _id: hashWriteKey('key-hashed') });
    expect(stored).toMatchObject({ workspaceId: 'ws_1', sourceId: 'src_1' });
    expect(JSON.stringify(stored)).not.toContain('key-hashed');
  });

  it('seeds idempotently: seeding the same key twice keeps one active key', async () => {
    const service = replica();
    const seed = { workspaceId: 'ws_2', sourceId: 'src_2', writeKey: 'key-idempotent' };
    await service.seedWorkspace(seed);
    await service.seedWorkspace(seed);
    await Promise.all([replica().seedWorkspace(seed), replica().seedWorkspace(seed)]);

    const count = await database.db
      .collection<WriteKeyDocument>(writeKeysCollection.name)
      .countDocuments({ _id: hashWriteKey('key-idempotent') });
    expect(count).toBe(1);
    expect(await replica().authenticate('key-idempotent')).toEqual({
      workspaceId: 'ws_2',
      sourceId: 'src_2',
    });
  });

  it('refuses to hand an existing key to another workspace', async () => {
    const service = replica();
    await service.seedWorkspace({ workspaceId: 'ws_3', sourceId: 'src_3', writeKey: 'key-taken' });

    await expect(
      service.seedWorkspace({ workspaceId: 'ws_other', sourceId: 'src_3', writeKey: 'key-taken' }),
    ).rejects.toThrow(WriteKeyConflictError);
    expect(await replica().authenticate('key-taken')).toEqual({
      workspaceId: 'ws_3',
      sourceId: 'src_3',
    });
  });

  it('refuses a revoked key at once in the revoking process', async () => {
    const service = replica();
    await service.seedWorkspace({
      workspaceId: 'ws_4',
      sourceId: 'src_4',
      writeKey: 'key-revoked',
    });
    expect(await service.authenticate('key-revoked')).not.toBeNull();

    expect(await service.revoke('key-revoked')).toBe(true);
    expect(await service.authenticate('key-revoked')).toBeNull();
    expect(await service.revoke('key-revoked')).toBe(false);
  });

  it('refuses a key revoked by another process once the cache of at most one second expires', async () => {
    const ingestion = replica();
    const admin = replica();
    await admin.seedWorkspace({
      workspaceId: 'ws_5',
      sourceId: 'src_5',
      writeKey: 'key-elsewhere',
    });
    expect(await ingestion.authenticate('key-elsewhere')).not.toBeNull();

    await admin.revoke('key-elsewhere');
    now += WRITE_KEY_CACHE_TTL_MS;

    expect(await ingestion.authenticate('key-elsewhere')).toBeNull();
  });

  it('does not revive a revoked key when it is seeded again', async () => {
    const service = replica();
    const seed = { workspaceId: 'ws_6', sourceId: 'src_6', writeKey: 'key-dead' };
    await service.seedWorkspace(seed);
    await service.revoke('key-dead');

    await expect(service.seedWorkspace(seed)).rejects.toThrow(WriteKeyConflictError);
    expect(await service.authenticate('key-dead')).toBeNull();
  });
});

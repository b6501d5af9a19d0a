import { testInfra, uniqueNamespace } from '@meridian/testing';
import type { CollectionDefinition } from './collections';
import { dropDatabase, openDatabase, type DatabaseHandle } from './connection';
import { ensureCollections } from './ensure-collections';
import { IndexConflictError } from './errors';

// Jest applies only the global testTimeout, not the preset's per-project one.
jest.setTimeout(30_000);

const definitions: CollectionDefinition[] = [
  {
    name: 'profiles',
    indexes: [
      { name: 'workspace_email', key: { workspaceId: 1, email: 1 }, unique: true },
      { name: 'workspace_updated', key: { workspaceId: 1, updatedAt: -1 } },
    ],
  },
  { name: 'audit', indexes: [] },
];

describe('ensureCollections on a real server', () => {
  const { mongoUrl } = testInfra();
  let database: string;
  let handle: DatabaseHandle;

  beforeEach(async () => {
    database = uniqueNamespace('ensure');
    handle = await openDatabase(mongoUrl, database);
  });

  afterEach(async () => {
    await handle.close();
    await dropDatabase(mongoUrl, database);
  });

  it('creates missing collections and indexes, then does nothing the second time', async () => {
    const first = await ensureCollections(handle.db, definitions);
    const second = await ensureCollections(handle.db, definitions);

    expect(first).toEqual({
      createdCollections: ['profiles', 'audit'],
      createdIndexes: ['profiles.workspace_email', 'profiles.workspace_updated'],
      unchangedIndexes: [],
      unmanagedIndexes: [],
    });
    expect(second).toEqual({
      createdCollections: [],
      createdIndexes: [],
      unchangedIndexes: ['profiles.workspace_email', 'profiles.workspace_updated'],
      unmanagedIndexes: [],
    });
    const indexes = await handle.db.collection('profiles').listIndexes().toArray();
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'workspace_email',
          key: { workspaceId: 1, email: 1 },
          unique: true,
        }),
        expect.objectContaining({
          name: 'workspace_updated',
          key: { workspaceId: 1, updatedAt: -1 },
        }),
      ]),
    );
  });

  it('is safe when replicas run it at the same time', async () => {
    const reports = await Promise.all([
      ensureCollections(handle.db, definitions),
      ensureCollections(handle.db, definitions),
    ]);

    expect(reports.flatMap((report) => report.createdCollections).sort()).toEqual([
      'audit',
      'profiles',
    ]);
    expect(
      (await handle.db.collection('profiles').listIndexes().toArray())
        .map((index) => index.name)
        .sort(),
    ).toEqual(['_id_', 'workspace_email', 'workspace_updated']);
  });

  it('adds a newly declared index to an existing collection and reports undeclared ones', async () => {
    await handle.db.collection('profiles').createIndex({ legacy: 1 }, { name: 'legacy' });

    const report = await ensureCollections(handle.db, definitions);

    expect(report.createdCollections).toEqual(['audit']);
    expect(report.createdIndexes).toEqual([
      'profiles.workspace_email',
      'profiles.workspace_updated',
    ]);
    expect(report.unmanagedIndexes).toEqual(['profiles.legacy']);
  });

  it('refuses to touch an index whose definition changed, creating no index', async () => {
    await handle.db
      .collection('profiles')
      .createIndex({ workspaceId: 1, email: 1 }, { name: 'workspace_email' });

    const run = ensureCollections(handle.db, definitions);

    await expect(run).rejects.toBeInstanceOf(IndexConflictError);
    await expect(run).rejects.toThrow('profiles.workspace_email: unique is false, wanted true');
    const names = (await handle.db.collection('profiles').listIndexes().toArray()).map(
      (index) => index.name,
    );
    expect(names.sort()).toEqual(['_id_', 'workspace_email']);
  });
});

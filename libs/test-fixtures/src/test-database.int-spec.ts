import { defineCollection, openDatabase, type DatabaseHandle } from '@meridian/persistence';
import { testInfra } from '@meridian/testing';
import { createTestDatabase, type TestDatabase } from './test-database';

const things = defineCollection({
  name: 'things',
  indexes: [{ name: 'things_by_workspace', key: { workspaceId: 1, thingId: 1 }, unique: true }],
});
const others = defineCollection({ name: 'others', indexes: [] });

describe('createTestDatabase', () => {
  let database: TestDatabase | undefined;
  // The database's own connection is closed by dispose: this one looks afterwards.
  let observer: DatabaseHandle;

  /** Names of the databases on the test server whose name starts with `prefix`. */
  async function databasesStartingWith(prefix: string): Promise<string[]> {
    const { databases } = await observer.db.admin().listDatabases({ nameOnly: true });
    return databases.map((found) => found.name).filter((name) => name.startsWith(prefix));
  }

  beforeAll(async () => {
    observer = await openDatabase(testInfra().mongoUrl, 'test-database-spec');
  });

  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  afterAll(async () => {
    await observer?.close();
  });

  it('holds every given collection with its indexes once created', async () => {
    const created = await createTestDatabase({ label: 'dbfixture', collections: [things, others] });
    database = created;

    expect(created.mongoUrl).toBe(testInfra().mongoUrl);
    expect(created.name).toMatch(/^dbfixture_[0-9a-f]{8}$/);
    expect(created.db.databaseName).toBe(created.name);
    const collections = await created.db.listCollections({}, { nameOnly: true }).toArray();
    expect(collections.map((collection) => collection.name).sort()).toEqual(['others', 'things']);
    const indexes = await created.db.collection('things').listIndexes().toArray();
    expect(indexes).toContainEqual(
      expect.objectContaining({
        name: 'things_by_workspace',
        key: { workspaceId: 1, thingId: 1 },
        unique: true,
      }),
    );
  });

  it('drops the database on dispose, and a second dispose is harmless', async () => {
    const created = await createTestDatabase({ label: 'dbfixture', collections: [things] });
    database = created;
    await created.db.collection('things').insertOne({ workspaceId: 'ws', thingId: 't1' });
    expect(await databasesStartingWith(created.name)).toEqual([created.name]);

    await created.dispose();

    expect(await databasesStartingWith(created.name)).toEqual([]);
    await expect(created.dispose()).resolves.toBeUndefined();
    expect(await databasesStartingWith(created.name)).toEqual([]);
  });
});

import { defineCollection } from '@meridian/persistence';
import { findReferences } from './database-references';
import { createTestDatabase, type TestDatabase } from './test-database';

const people = defineCollection({ name: 'people', indexes: [] });

/** Documents keyed by a string, with anything else in them. */
type AnyDocument = { _id: string } & Record<string, unknown>;

describe('findReferences', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ label: 'dbrefs', collections: [people] });
    await database.db.collection<AnyDocument>('people').insertMany([
      { _id: 'p-1', workspaceId: 'ws', traits: { email: 'Ada@Example.com' }, tags: ['x'] },
      { _id: 'p-2', workspaceId: 'ws', nested: { deep: [{ note: 'say "hi" to bob' }] } },
    ]);
    // A collection no definition names is searched too.
    await database.db
      .collection<AnyDocument>('stray')
      .insertOne({ _id: 'ref|p-1', at: new Date(0) });
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it('finds a value in any collection, nested or in an _id, whatever its case', async () => {
    const found = await findReferences(database.db, ['ada@example.com', 'p-1']);

    expect(found).toEqual(
      expect.arrayContaining([
        { collection: 'people', id: '"p-1"', value: 'ada@example.com' },
        { collection: 'people', id: '"p-1"', value: 'p-1' },
        { collection: 'stray', id: '"ref|p-1"', value: 'p-1' },
      ]),
    );
    expect(found).toHaveLength(3);
  });

  it('matches values that JSON escapes, and finds nothing for values no document holds', async () => {
    expect(await findReferences(database.db, ['"hi" to bob'])).toEqual([
      { collection: 'people', id: '"p-2"', value: '"hi" to bob' },
    ]);
    expect(await findReferences(database.db, ['carol'])).toEqual([]);
  });

  it('refuses an empty value, which would match everything', async () => {
    await expect(findReferences(database.db, [''])).rejects.toThrow(/empty value/);
  });
});

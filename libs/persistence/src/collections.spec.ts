import {
  CollectionDefinitionError,
  defineCollection,
  planIndexes,
  validateCollectionDefinitions,
  type IndexDefinition,
} from './collections';

describe('validateCollectionDefinitions', () => {
  it('accepts plain and compound, unique and non-unique indexes', () => {
    expect(
      validateCollectionDefinitions([
        {
          name: 'profiles',
          indexes: [
            { name: 'workspace_email', key: { workspaceId: 1, email: 1 }, unique: true },
            { name: 'workspace_updated', key: { workspaceId: 1, updatedAt: -1 } },
          ],
        },
      ]),
    ).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = validateCollectionDefinitions([
      { name: 'system.users', indexes: [] },
      {
        name: 'profiles',
        indexes: [
          { name: '_id_', key: { workspaceId: 1 } },
          { name: 'a', key: {} },
          { name: 'b', key: { $bad: 1 } },
          { name: 'c', key: { workspaceId: 1, email: 1 } },
          { name: 'c', key: { email: 1 } },
          { name: 'd', key: { workspaceId: 1, email: 1 } },
        ],
      },
      { name: 'profiles', indexes: [] },
    ]);
    expect(problems).toEqual([
      expect.stringContaining('collection "system.users": name must match'),
      expect.stringContaining('index "_id_": needs a name'),
      expect.stringContaining('index "a": key has no fields'),
      expect.stringContaining('index "b": invalid field "$bad"'),
      expect.stringContaining('index "c": name used twice'),
      expect.stringContaining('index "d": same key as index "c"'),
      expect.stringContaining('collection "profiles": declared twice'),
    ]);
  });
});

describe('defineCollection', () => {
  it('returns a valid definition unchanged', () => {
    const definition = {
      name: 'events',
      indexes: [{ name: 'by_ws', key: { workspaceId: 1 } }],
    } as const;
    expect(defineCollection(definition)).toBe(definition);
  });

  it('throws CollectionDefinitionError for an invalid one', () => {
    expect(() => defineCollection({ name: '$nope', indexes: [] })).toThrow(
      CollectionDefinitionError,
    );
  });
});

describe('planIndexes', () => {
  const wanted: IndexDefinition[] = [
    { name: 'workspace_email', key: { workspaceId: 1, email: 1 }, unique: true },
    { name: 'workspace_updated', key: { workspaceId: 1, updatedAt: -1 } },
  ];
  const idIndex = { name: '_id_', key: { _id: 1 } };

  it('creates every index of a new collection', () => {
    const plan = planIndexes('profiles', wanted, [idIndex]);
    expect(plan.toCreate.map((index) => index.name)).toEqual([
      'workspace_email',
      'workspace_updated',
    ]);
    expect(plan).toMatchObject({ unchanged: [], conflicts: [], unmanaged: [] });
  });

  it('leaves identical indexes alone and reports undeclared ones without dropping them', () => {
    const plan = planIndexes('profiles', wanted, [
      idIndex,
      { name: 'workspace_email', key: { workspaceId: 1, email: 1 }, unique: true },
      { name: 'workspace_updated', key: { workspaceId: 1, updatedAt: -1 }, unique: false },
      { name: 'legacy', key: { email: 1 } },
    ]);
    expect(plan).toEqual({
      toCreate: [],
      unchanged: ['workspace_email', 'workspace_updated'],
      conflicts: [],
      unmanaged: ['legacy'],
    });
  });

  it('reports a changed key, direction or uniqueness as a conflict instead of rebuilding', () => {
    const plan = planIndexes('profiles', wanted, [
      { name: 'workspace_email', key: { workspaceId: 1, email: 1 } },
      { name: 'workspace_updated', key: { updatedAt: -1, workspaceId: 1 } },
    ]);
    expect(plan.toCreate).toEqual([]);
    expect(plan.conflicts).toEqual([
      { collection: 'profiles', index: 'workspace_email', reason: 'unique is false, wanted true' },
      {
        collection: 'profiles',
        index: 'workspace_updated',
        reason: 'key is updatedAt:-1,workspaceId:1, wanted workspaceId:1,updatedAt:-1',
      },
    ]);
  });

  it('reports a wanted key already indexed under another name', () => {
    const plan = planIndexes('profiles', wanted.slice(1), [
      { name: 'old_name', key: { workspaceId: 1, updatedAt: -1 } },
    ]);
    expect(plan.conflicts).toEqual([
      {
        collection: 'profiles',
        index: 'workspace_updated',
        reason: 'its key is already indexed as "old_name"',
      },
    ]);
  });
});

import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { workspacesCollections } from '../workspaces.module';
import { SourceRepository } from './source.repository';
import { sourceDocumentId } from './sources.collection';
import { WorkspaceRepository } from './workspace.repository';

describe('the workspace and source catalog on a real database', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ label: 'catalog', collections: workspacesCollections });
  });

  afterAll(async () => {
    await database?.dispose();
  });

  const workspace = (workspaceId: string, name = workspaceId) => ({
    _id: workspaceId,
    workspaceId,
    name,
    createdAt: new Date(),
    settings: {},
  });
  const source = (workspaceId: string, sourceId: string, name = sourceId) => ({
    _id: sourceDocumentId(workspaceId, sourceId),
    workspaceId,
    sourceId,
    name,
    createdAt: new Date(),
  });

  it('inserts a workspace once; concurrent and later inserts of the id change nothing', async () => {
    const repository = new WorkspaceRepository(database.db);
    const outcomes = await Promise.all([
      repository.insertIfAbsent(workspace('ws-race', 'first')),
      repository.insertIfAbsent(workspace('ws-race', 'second')),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await repository.insertIfAbsent(workspace('ws-race', 'third'))).toBe(false);
    expect((await repository.listAll()).filter((listed) => listed._id === 'ws-race')).toHaveLength(
      1,
    );
  });

  it('keeps sources per workspace: the same source id may exist in two workspaces, once in each', async () => {
    const repository = new SourceRepository(database.db);
    expect(await repository.insertIfAbsent('ws-a', source('ws-a', 'web'))).toBe(true);
    expect(await repository.insertIfAbsent('ws-b', source('ws-b', 'web'))).toBe(true);
    expect(await repository.insertIfAbsent('ws-a', source('ws-a', 'web', 'again'))).toBe(false);

    expect((await repository.listByWorkspace('ws-a')).map((listed) => listed.name)).toEqual([
      'web',
    ]);
    expect(await repository.findBySourceId('ws-b', 'web')).toMatchObject({ workspaceId: 'ws-b' });
    expect(await repository.findBySourceId('ws-c', 'web')).toBeNull();
  });
});

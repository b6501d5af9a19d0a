import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { admitOnce } from './entry-rule';
import { enteringState } from './journey-state';
import { journeyStateCollections } from './journey-state.collections';
import { JourneyStateRepository } from './journey-state.repository';

describe('JourneyStateRepository on a real server', () => {
  let database: TestDatabase;
  let repository: JourneyStateRepository;

  const entry = (profileId: string, triggerEventId: string, workspaceId = 'ws_a') =>
    enteringState({
      workspaceId,
      journeyId: 'welcome',
      profileId,
      triggerEventId,
      enteredAt: '2026-11-23T10:00:00.000Z',
    });

  beforeAll(async () => {
    database = await createTestDatabase({
      label: 'journeystates',
      collections: journeyStateCollections,
    });
    repository = new JourneyStateRepository(database.db);
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it('lets exactly one of many concurrent entries win and hands the others the winner', async () => {
    const attempts = Array.from({ length: 8 }, (_, index) => entry('p-race', `evt-${index}`));
    const outcomes = await Promise.all(attempts.map((state) => repository.insertIfAbsent(state)));

    const winners = outcomes.filter((outcome) => outcome.inserted);
    expect(winners).toHaveLength(1);
    const stored = await repository.find('ws_a', 'welcome', 'p-race');
    for (const outcome of outcomes) {
      if (!outcome.inserted) expect(outcome.existing).toEqual(stored);
    }
  });

  it('admits the same trigger again as a redelivery and another trigger not at all', async () => {
    expect((await admitOnce(repository, entry('p-once', 'evt-1'))).kind).toBe('entered');
    expect((await admitOnce(repository, entry('p-once', 'evt-1'))).kind).toBe('redelivered');
    expect((await admitOnce(repository, entry('p-once', 'evt-2'))).kind).toBe('already-entered');
    expect((await repository.find('ws_a', 'welcome', 'p-once'))?.triggerEventId).toBe('evt-1');
  });

  it('keeps workspaces apart: the same profile id enters in each workspace', async () => {
    expect((await repository.insertIfAbsent(entry('p-ws', 'evt-1', 'ws_a'))).inserted).toBe(true);
    expect((await repository.insertIfAbsent(entry('p-ws', 'evt-1', 'ws_b'))).inserted).toBe(true);
    expect(await repository.find('ws_b', 'welcome', 'p-other')).toBeNull();
  });

  it('completes a state once, refusing a completion from a stale revision', async () => {
    const state = entry('p-done', 'evt-1');
    await repository.insertIfAbsent(state);

    const completed = await repository.markCompleted(state, '2026-11-23T10:00:02.000Z');
    expect(await repository.find('ws_a', 'welcome', 'p-done')).toEqual(completed);
    expect(completed).toMatchObject({ status: 'completed', revision: 1 });
    await expect(repository.markCompleted(state, '2026-11-23T10:00:03.000Z')).rejects.toThrow(
      /changed since revision 0/,
    );
  });
});

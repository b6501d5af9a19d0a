import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { scoringCollections } from './profile-features.collection';
import { applyEvent, type ProfileFeatures } from './profile-features';
import { ProfileFeaturesRepository, RevisionConflictError } from './profile-features.repository';

const at = (iso: string) => new Date(iso);

function first(workspaceId: string, profileId: string, eventId: string): ProfileFeatures {
  const features = applyEvent(null, {
    id: eventId,
    workspaceId,
    profileId,
    occurredAt: at('2026-01-01T00:00:00.000Z'),
  });
  if (features === null) throw new Error('a first event is always applied');
  return features;
}

function next(current: ProfileFeatures, eventId: string): ProfileFeatures {
  const features = applyEvent(current, {
    ...current,
    id: eventId,
    occurredAt: at('2026-01-02T00:00:00.000Z'),
  });
  if (features === null) throw new Error(`event ${eventId} was already applied`);
  return features;
}

describe('ProfileFeaturesRepository on a real database', () => {
  let database: TestDatabase;
  let repository: ProfileFeaturesRepository;

  beforeAll(async () => {
    database = await createTestDatabase({ label: 'features', collections: scoringCollections });
    repository = new ProfileFeaturesRepository(database.db);
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it('stores the first features of a profile and reads them back', async () => {
    const features = first('ws_a', 'p-1', 'e-1');
    await repository.saveIfUnchanged(features);

    expect(await repository.findProfile('ws_a', 'p-1')).toEqual(features);
  });

  it('saves a read-modify-write made from the stored revision', async () => {
    const initial = first('ws_a', 'p-2', 'e-1');
    await repository.saveIfUnchanged(initial);
    const stored = await repository.findProfile('ws_a', 'p-2');
    if (stored === null) throw new Error('not stored');

    await repository.saveIfUnchanged(next(stored, 'e-2'));

    expect(await repository.findProfile('ws_a', 'p-2')).toMatchObject({
      eventCount: 2,
      revision: 2,
      lastEventAt: at('2026-01-02T00:00:00.000Z'),
      appliedEventIds: ['e-1', 'e-2'],
    });
  });

  it('refuses a save made from a stale revision and keeps the stored features', async () => {
    const initial = first('ws_a', 'p-3', 'e-1');
    await repository.saveIfUnchanged(initial);
    await repository.saveIfUnchanged(next(initial, 'e-2'));

    await expect(repository.saveIfUnchanged(next(initial, 'e-3'))).rejects.toThrow(
      RevisionConflictError,
    );
    await expect(repository.saveIfUnchanged(first('ws_a', 'p-3', 'e-4'))).rejects.toThrow(
      RevisionConflictError,
    );
    expect(await repository.findProfile('ws_a', 'p-3')).toMatchObject({
      eventCount: 2,
      appliedEventIds: ['e-1', 'e-2'],
    });
  });

  it('keeps the features of the same profile id apart per workspace', async () => {
    await repository.saveIfUnchanged(first('ws_a', 'shared', 'e-1'));

    expect(await repository.findProfile('ws_b', 'shared')).toBeNull();
    await repository.saveIfUnchanged(first('ws_b', 'shared', 'e-9'));
    expect((await repository.findProfile('ws_b', 'shared'))?.appliedEventIds).toEqual(['e-9']);
    expect((await repository.findProfile('ws_a', 'shared'))?.appliedEventIds).toEqual(['e-1']);
  });
});

import { testProfilePii } from '../test-support/pii';
import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { trackEvent } from '../test-support/events';
import { applyCall } from './apply-call';
import { StaleProfileError } from './errors';
import { profileCollections } from './profile.collections';
import { emptyProfile, type Profile } from './profile.model';
import { ProfileRepository } from './profile.repository';

const NOW = '2025-02-01T00:00:00.000Z';

function firstRevision(workspaceId: string, profileId: string): Profile {
  const start = emptyProfile({ profileId, workspaceId, partition: 1, now: NOW });
  return applyCall(
    start,
    trackEvent('Signed Up', { userId: 'u1', workspaceId }),
    [{ type: 'userId', value: 'u1' }],
    NOW,
  ).profile;
}

describe('ProfileRepository', () => {
  let database: TestDatabase;
  let repository: ProfileRepository;

  beforeAll(async () => {
    database = await createTestDatabase({ label: 'idprofiles', collections: profileCollections });
    repository = new ProfileRepository(database.db, testProfilePii());
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it('reads back a stored profile exactly, computed arrays and dotted event names included', async () => {
    const profile = firstRevision('ws-a', 'p-roundtrip');
    const withDots = applyCall(
      profile,
      trackEvent('app.opened', { userId: 'u1', workspaceId: 'ws-a' }),
      [],
      NOW,
    ).profile;
    await repository.save(profile);
    await repository.save(withDots);

    expect(await repository.findById('ws-a', 'p-roundtrip')).toEqual(withDots);
  });

  it('refuses a write computed from a stale revision', async () => {
    const stored = firstRevision('ws-a', 'p-stale');
    await repository.save(stored);
    const winner = applyCall(
      stored,
      trackEvent('a', { userId: 'u1', workspaceId: 'ws-a' }),
      [],
      NOW,
    ).profile;
    const loser = applyCall(
      stored,
      trackEvent('b', { userId: 'u1', workspaceId: 'ws-a' }),
      [],
      NOW,
    ).profile;
    await repository.save(winner);

    await expect(repository.save(loser)).rejects.toThrow(StaleProfileError);
    expect(
      (await repository.findById('ws-a', 'p-stale'))?.computed.eventCounts.map(
        (count) => count.name,
      ),
    ).toEqual(['Signed Up', 'a']);
  });

  it('never shows a profile of one workspace to another', async () => {
    await repository.save(firstRevision('ws-a', 'p-private'));

    expect(await repository.findById('ws-b', 'p-private')).toBeNull();
    expect(await repository.findById('ws-a', 'p-private')).not.toBeNull();
  });
});

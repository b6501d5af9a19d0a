import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { testProfilePii } from '../test-support/pii';
import { IdentifierRepository } from './identifier.repository';
import { profileCollections } from './profile.collections';

const NOW = '2025-02-01T00:00:00.000Z';

describe('IdentifierRepository', () => {
  let database: TestDatabase;
  let repository: IdentifierRepository;

  beforeAll(async () => {
    database = await createTestDatabase({ label: 'idindex', collections: profileCollections });
    repository = new IdentifierRepository(database.db, testProfilePii());
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it('finds the profile that claimed an identifier, values with dots and $ included', async () => {
    const email = { type: 'email', value: 'ann.lee+$tag@example.com' };
    await repository.claim('ws-a', email, { profileId: 'p-ann', partition: 2 }, NOW);

    expect(await repository.find('ws-a', email)).toEqual({
      identifier: email,
      profileId: 'p-ann',
      partition: 2,
    });
    expect(await repository.find('ws-a', { type: 'email', value: 'other@example.com' })).toBeNull();
  });

  it('keeps the first claim when another profile claims the same identifier', async () => {
    const userId = { type: 'userId', value: 'u-shared' };
    await repository.claim('ws-a', userId, { profileId: 'p-first', partition: 1 }, NOW);

    const holder = await repository.claim(
      'ws-a',
      userId,
      { profileId: 'p-second', partition: 4 },
      NOW,
    );

    expect(holder.profileId).toBe('p-first');
    expect((await repository.find('ws-a', userId))?.profileId).toBe('p-first');
  });

  it('looks several identifiers up at once, skipping unclaimed ones', async () => {
    const a = { type: 'anonymousId', value: 'anon-1' };
    const b = { type: 'userId', value: 'user-1' };
    await repository.claim('ws-a', a, { profileId: 'p-1', partition: 0 }, NOW);
    await repository.claim('ws-a', b, { profileId: 'p-1', partition: 0 }, NOW);

    const claims = await repository.findAll('ws-a', [a, b, { type: 'email', value: 'none@x.y' }]);

    expect(claims.map((claim) => claim.identifier.value).sort()).toEqual(['anon-1', 'user-1']);
  });

  it('keeps identifiers of one workspace invisible to another', async () => {
    const userId = { type: 'userId', value: 'u-isolated' };
    await repository.claim('ws-a', userId, { profileId: 'p-a', partition: 0 }, NOW);
    await repository.claim('ws-b', userId, { profileId: 'p-b', partition: 0 }, NOW);

    expect((await repository.find('ws-a', userId))?.profileId).toBe('p-a');
    expect((await repository.find('ws-b', userId))?.profileId).toBe('p-b');
    expect(await repository.find('ws-c', userId)).toBeNull();
  });
});

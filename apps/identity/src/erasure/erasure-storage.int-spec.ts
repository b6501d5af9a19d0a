import type { Identifier } from '@meridian/contracts';
import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import {
  emptyProfile,
  IdentifierRepository,
  profileCollections,
  ProfileRepository,
  type Profile,
} from '../profiles';
import { testProfilePii } from '../test-support/pii';

const NOW = '2025-02-01T00:00:00.000Z';
const WORKSPACE = 'ws-a';

function storedProfile(
  profileId: string,
  partition: number,
  held: { identifiers?: Identifier[]; traits?: Profile['traits'] },
): Profile {
  return {
    ...emptyProfile({ profileId, workspaceId: WORKSPACE, partition, now: NOW }),
    identifiers: held.identifiers ?? [],
    traits: held.traits ?? {},
    revision: 1,
  };
}

describe('what erasure reads and deletes, on FerretDB', () => {
  let database: TestDatabase;
  let profiles: ProfileRepository;
  let identifiers: IdentifierRepository;

  beforeAll(async () => {
    database = await createTestDatabase({
      label: 'iderasure',
      collections: profileCollections,
    });
    const pii = testProfilePii();
    profiles = new ProfileRepository(database.db, pii);
    identifiers = new IdentifierRepository(database.db, pii);
    await profiles.save(
      storedProfile('p-trait-email', 1, { traits: { email: '  Ada.Lovelace+x@Example.COM ' } }),
    );
    await profiles.save(
      storedProfile('p-trait-phone', 2, { traits: { phone: '+47 (123) 45-678' } }),
    );
    await profiles.save(
      storedProfile('p-held', 3, { identifiers: [{ type: 'external:crm_id', value: 'C-7' }] }),
    );
    // Same value under another type: must not be taken for the crm id.
    await profiles.save(
      storedProfile('p-other-type', 4, { identifiers: [{ type: 'userId', value: 'C-7' }] }),
    );
    await profiles.save(
      storedProfile('p-near-miss', 5, { traits: { email: 'ada.lovelacex@example.com' } }),
    );
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it('finds the profiles holding an identifier on the record: by type and value, or as an email or phone trait as identity normalises it', async () => {
    const found = await profiles.findHolding(WORKSPACE, [
      { type: 'email', value: 'ada.lovelace+x@example.com' },
      { type: 'phone', value: '+4712345678' },
      { type: 'external:crm_id', value: 'C-7' },
    ]);

    expect(found.sort((a, b) => a.partition - b.partition)).toEqual([
      { profileId: 'p-trait-email', partition: 1 },
      { profileId: 'p-trait-phone', partition: 2 },
      { profileId: 'p-held', partition: 3 },
    ]);
    expect(await profiles.findHolding('ws-b', [{ type: 'userId', value: 'C-7' }])).toEqual([]);
  });

  it('deletes a profile and exactly its claims, and tells its partition until then', async () => {
    const email = { type: 'email', value: 'grace@example.com' };
    await profiles.save(storedProfile('p-gone', 6, { identifiers: [email] }));
    await identifiers.claim(WORKSPACE, email, { profileId: 'p-gone', partition: 6 }, NOW);
    await identifiers.claim(
      WORKSPACE,
      { type: 'userId', value: 'grace' },
      { profileId: 'p-gone', partition: 6 },
      NOW,
    );
    await identifiers.claim(
      WORKSPACE,
      { type: 'userId', value: 'kept' },
      { profileId: 'p-held', partition: 3 },
      NOW,
    );
    expect(await profiles.partitionOf(WORKSPACE, 'p-gone')).toBe(6);

    expect(await identifiers.releaseAllOf(WORKSPACE, 'p-gone')).toBe(2);
    expect(await profiles.delete(WORKSPACE, 'p-gone')).toBe(1);

    expect(await profiles.partitionOf(WORKSPACE, 'p-gone')).toBeNull();
    expect(await identifiers.find(WORKSPACE, email)).toBeNull();
    expect((await identifiers.find(WORKSPACE, { type: 'userId', value: 'kept' }))?.profileId).toBe(
      'p-held',
    );
    expect(await profiles.delete(WORKSPACE, 'p-gone')).toBe(0);
    expect(await identifiers.releaseAllOf(WORKSPACE, 'p-gone')).toBe(0);
  });
});

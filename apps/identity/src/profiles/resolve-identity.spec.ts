import type { Identifier } from '@meridian/contracts';
import { resolveIdentity, type IdentifierClaim } from './resolve-identity';

const userId: Identifier = { type: 'userId', value: 'u1' };
const anonymousId: Identifier = { type: 'anonymousId', value: 'a1' };
const email: Identifier = { type: 'email', value: 'ann@example.com' };

function claim(identifier: Identifier, profileId: string, partition = 3): IdentifierClaim {
  return { identifier, profileId, partition };
}

describe('resolveIdentity', () => {
  it('asks for a new profile that takes every identifier when none is claimed', () => {
    expect(resolveIdentity([userId, anonymousId], [], 3)).toEqual({
      profileId: null,
      attach: [userId, anonymousId],
      claimedElsewhere: [],
    });
  });

  it("keeps the userId's profile and leaves an anonymousId claimed by another profile where it is", () => {
    const claims = [claim(anonymousId, 'p-anon'), claim(userId, 'p-user')];

    const resolution = resolveIdentity([userId, anonymousId, email], claims, 3);

    expect(resolution.profileId).toBe('p-user');
    expect(resolution.attach).toEqual([userId, email]);
    expect(resolution.claimedElsewhere).toEqual([claim(anonymousId, 'p-anon')]);
  });

  it('attaches new identifiers to the profile of a known anonymousId in the same partition', () => {
    const resolution = resolveIdentity([userId, anonymousId], [claim(anonymousId, 'p-anon')], 3);

    expect(resolution.profileId).toBe('p-anon');
    expect(resolution.attach).toEqual([userId, anonymousId]);
  });

  it('never picks a profile of another partition, whose writer is another consumer', () => {
    const resolution = resolveIdentity([userId, anonymousId], [claim(anonymousId, 'p-anon', 5)], 3);

    expect(resolution.profileId).toBeNull();
    expect(resolution.attach).toEqual([userId]);
    expect(resolution.claimedElsewhere).toEqual([claim(anonymousId, 'p-anon', 5)]);
  });

  it('prefers the email profile over the anonymousId profile', () => {
    const claims = [claim(anonymousId, 'p-anon'), claim(email, 'p-mail')];
    expect(resolveIdentity([anonymousId, email], claims, 3).profileId).toBe('p-mail');
  });
});

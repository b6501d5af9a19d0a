import type { Identifier } from '@meridian/contracts';
import { sameIdentifier } from './identifiers';
import {
  DEFAULT_IDENTIFIER_LIMITS,
  planMerge,
  type CandidateProfile,
  type MergePlan,
} from './merge-plan';

const id = (type: string, value: string): Identifier => ({ type, value });
const profile = (
  profileId: string,
  identifiers: Identifier[],
  createdAt = '2025-01-01T00:00:00.000Z',
  separatedFrom: string[] = [],
): CandidateProfile => ({ profileId, partition: 0, identifiers, createdAt, separatedFrom });

function plan(call: Identifier[], profiles: CandidateProfile[]): MergePlan {
  const ownerOf = (identifier: Identifier) =>
    profiles.find((candidate) =>
      candidate.identifiers.some((held) => sameIdentifier(held, identifier)),
    );
  return planMerge(call, ownerOf, DEFAULT_IDENTIFIER_LIMITS);
}

const ids = (list: readonly { profileId: string }[]) => list.map((item) => item.profileId);

describe('planMerge', () => {
  it('merges the anonymous browsing profile into the known user on login', () => {
    const anonymous = profile('p-anon', [id('anonymousId', 'a1')], '2025-01-01T00:00:00.000Z');
    const known = profile('p-user', [id('userId', 'u1')], '2025-02-01T00:00:00.000Z');

    const result = plan([id('userId', 'u1'), id('anonymousId', 'a1')], [anonymous, known]);

    expect(result.target?.profileId).toBe('p-user');
    expect(ids(result.absorb)).toEqual(['p-anon']);
    expect(result.dropped).toEqual([]);
  });

  it('attaches a first login to the anonymous profile when the user is new', () => {
    const anonymous = profile('p-anon', [id('anonymousId', 'a1')]);

    const result = plan([id('userId', 'u1'), id('anonymousId', 'a1')], [anonymous]);

    expect(result.target?.profileId).toBe('p-anon');
    expect(result.absorb).toEqual([]);
    expect(result.attach).toEqual([id('userId', 'u1'), id('anonymousId', 'a1')]);
  });

  it('joins two devices of one person through the user id', () => {
    const phone = profile('p-phone', [id('userId', 'u1'), id('deviceId', 'd-phone')]);

    const result = plan([id('userId', 'u1'), id('deviceId', 'd-laptop')], [phone]);

    expect(result.target?.profileId).toBe('p-phone');
    expect(result.attach).toContainEqual(id('deviceId', 'd-laptop'));
  });

  it('never merges two different users who share a device (anonymousId tied to another user)', () => {
    const first = profile('p-first', [id('userId', 'u1'), id('anonymousId', 'shared')]);
    const second = profile('p-second', [id('userId', 'u2')]);

    const result = plan([id('userId', 'u2'), id('anonymousId', 'shared')], [first, second]);

    expect(result.target?.profileId).toBe('p-second');
    expect(result.absorb).toEqual([]);
    expect(result.dropped).toEqual([id('anonymousId', 'shared')]);
    expect(result.attach).toEqual([id('userId', 'u2')]);
  });

  it('creates a new profile rather than give a user a second userId', () => {
    const first = profile('p-first', [id('userId', 'u1'), id('anonymousId', 'shared')]);

    const result = plan([id('userId', 'u2'), id('anonymousId', 'shared')], [first]);

    expect(result.target).toBeNull();
    expect(result.attach).toEqual([id('userId', 'u2')]);
  });

  it('drops the lowest-priority identifier when a merge would exceed the email limit', () => {
    const emails = [1, 2, 3, 4].map((n) => id('email', `e${n}@example.com`));
    const byEmail = profile('p-emails', [id('userId', 'u1'), ...emails]);
    const byPhone = profile('p-phone', [id('email', 'e5@example.com'), id('phone', '+4470')]);

    const result = plan(
      [id('userId', 'u1'), id('email', 'e6@example.com'), id('phone', '+4470')],
      [byEmail, byPhone],
    );

    expect(result.dropped).toEqual([id('phone', '+4470')]);
    expect(result.target?.profileId).toBe('p-emails');
    expect(result.absorb).toEqual([]);
  });

  it('still resolves calls to a profile that holds more than a limit (lowered since), adding nothing over it', () => {
    const emails = [1, 2, 3].map((n) => id('email', `e${n}@example.com`));
    const overLimit = profile('p-over', [id('userId', 'u1'), ...emails]);
    const limits = { ...DEFAULT_IDENTIFIER_LIMITS, byType: new Map([['email', 1]]) };
    const ownerOf = (identifier: Identifier) =>
      overLimit.identifiers.some((held) => sameIdentifier(held, identifier))
        ? overLimit
        : undefined;

    const known = planMerge([id('userId', 'u1'), id('email', 'e2@example.com')], ownerOf, limits);
    const withNewEmail = planMerge(
      [id('email', 'e1@example.com'), id('email', 'e4@example.com')],
      ownerOf,
      limits,
    );

    expect(known.target?.profileId).toBe('p-over');
    expect(known.dropped).toEqual([]);
    expect(withNewEmail.target?.profileId).toBe('p-over');
    expect(withNewEmail.dropped).toEqual([id('email', 'e4@example.com')]);
    expect(withNewEmail.attach).toEqual([id('email', 'e1@example.com')]);
  });

  it('picks the survivor from the profiles, not from the call: known user, then the oldest', () => {
    const older = profile('p-b', [id('email', 'x@example.com')], '2024-01-01T00:00:00.000Z');
    const newer = profile('p-a', [id('phone', '+4471')], '2025-01-01T00:00:00.000Z');

    const byEmail = plan([id('email', 'x@example.com'), id('phone', '+4471')], [older, newer]);
    const byPhone = plan([id('phone', '+4471'), id('email', 'x@example.com')], [newer, older]);

    expect(byEmail.target?.profileId).toBe('p-b');
    expect(byPhone.target?.profileId).toBe('p-b');
    expect(ids(byPhone.absorb)).toEqual(['p-a']);
  });

  it('never merges two profiles an unmerge split apart, dropping the identifier that joins them', () => {
    const user = profile('p-user', [id('userId', 'u1')], undefined, ['p-anon']);
    const anonymous = profile('p-anon', [id('anonymousId', 'a1')], undefined, ['p-user']);

    const result = plan([id('userId', 'u1'), id('anonymousId', 'a1')], [user, anonymous]);

    expect(result.target?.profileId).toBe('p-user');
    expect(result.absorb).toEqual([]);
    expect(result.dropped).toEqual([id('anonymousId', 'a1')]);
  });
});

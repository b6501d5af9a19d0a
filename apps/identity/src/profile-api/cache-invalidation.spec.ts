import { invalidationOf, invalidationSubjects } from './cache-invalidation';

const envelope = {
  id: 'e1',
  version: 1,
  workspaceId: 'ws-1',
  occurredAt: '2025-01-01T10:00:00.000Z',
  receivedAt: '2025-01-01T10:00:00.000Z',
  correlationId: 'c1',
  causationId: null,
};

describe('what an event means for the profile cache', () => {
  it('listens to every partition of the PROFILES stream and to its own deletion confirmations', () => {
    expect(invalidationSubjects('identity')).toEqual([
      'profile.updated.*',
      'identity.merged.*',
      'privacy.deletion.confirmed.identity',
    ]);
  });

  it('drops the profile a profile.updated names', () => {
    const event = {
      ...envelope,
      type: 'profile.updated',
      payload: { profileId: 'p1', partition: 3, revision: 2, created: false, changes: {} },
    };

    expect(invalidationOf(event)).toEqual({
      kind: 'profile',
      workspaceId: 'ws-1',
      profileId: 'p1',
      claimsChanged: false,
    });
  });

  it("tells when a profile.updated changed the profile's identifiers (an unmerge, a removal)", () => {
    const identifiers = [{ type: 'userId', value: 'u1' }];
    const event = {
      ...envelope,
      type: 'profile.updated',
      payload: {
        profileId: 'p1',
        partition: 3,
        revision: 3,
        created: false,
        changes: { identifiers },
      },
    };

    expect(invalidationOf(event)).toMatchObject({ kind: 'profile', claimsChanged: true });
    const created = { ...event, payload: { ...event.payload, created: true } };
    expect(invalidationOf(created)).toMatchObject({ kind: 'profile', claimsChanged: false });
  });

  it('drops both profiles of a merge', () => {
    const event = {
      ...envelope,
      type: 'identity.merged',
      payload: { survivorId: 'p1', absorbedId: 'p2', partition: 0, identifiers: [] },
    };

    expect(invalidationOf(event)).toEqual({
      kind: 'merge',
      workspaceId: 'ws-1',
      profileIds: ['p1', 'p2'],
    });
  });

  it('drops the workspace once its profiles were erased', () => {
    const event = {
      ...envelope,
      type: 'data-subject.deletion.confirmed',
      payload: { requestId: 'r1', service: 'identity', deletedRecords: 3 },
    };

    expect(invalidationOf(event)).toEqual({ kind: 'workspace', workspaceId: 'ws-1' });
  });

  it('drops everything for an event it cannot read', () => {
    expect(invalidationOf('not json')).toMatchObject({ kind: 'everything' });
    expect(invalidationOf({ ...envelope, type: 'profile.updated', payload: {} })).toEqual({
      kind: 'everything',
      problem: 'unreadable event (payload.profileId, payload.created, payload.changes)',
    });
  });
});

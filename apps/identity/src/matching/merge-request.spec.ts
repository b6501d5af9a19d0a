import { emptyProfile, type Profile } from '../profiles';
import { mergeRequestOf } from './merge-request';

const cause = {
  id: 'mrv_1',
  workspaceId: 'ws-1',
  occurredAt: '2025-02-01T00:00:00.000Z',
  receivedAt: '2025-02-01T00:00:00.000Z',
  correlationId: 'mrv_1',
};

function profile(
  profileId: string,
  partition: number,
  createdAt: string,
  userId?: string,
): Profile {
  return {
    ...emptyProfile({ profileId, workspaceId: 'ws-1', partition, now: createdAt }),
    identifiers: userId === undefined ? [] : [{ type: 'userId', value: userId }],
    revision: 1,
  };
}

describe('mergeRequestOf', () => {
  const older = profile('prof_b', 3, '2025-01-01T00:00:00.000Z');
  const newer = profile('prof_a', 1, '2025-01-02T00:00:00.000Z');

  it('keeps the older profile and sends the request to the absorbed one, caused by the review', () => {
    const request = mergeRequestOf(cause, newer, older);

    expect(request).toMatchObject({
      type: 'profile.merge.requested',
      version: 1,
      workspaceId: 'ws-1',
      causationId: 'mrv_1',
      correlationId: 'mrv_1',
      payload: {
        survivorId: 'prof_b',
        survivorPartition: 3,
        absorbedId: 'prof_a',
        absorbedPartition: 1,
      },
    });
  });

  it('keeps a known user over an older anonymous profile', () => {
    const known = profile('prof_c', 2, '2025-03-01T00:00:00.000Z', 'user-1');

    expect(mergeRequestOf(cause, older, known).payload.survivorId).toBe('prof_c');
  });

  it('has the id resolution would give the same merge, whichever way round the pair is named', () => {
    const request = mergeRequestOf(cause, older, newer);

    expect(request.id).toBe('prof_a>prof_b:merge');
    expect(mergeRequestOf(cause, newer, older).id).toBe(request.id);
  });

  it('refuses to merge a profile into itself', () => {
    expect(() => mergeRequestOf(cause, older, older)).toThrow(RangeError);
  });
});

import { consumers, Namespace } from '../registry';
import { ProfileErasureRequestedV1 } from './profile-erasure-requested.v1';

const command = {
  id: 'dsr_1:erase:prof_a',
  type: 'profile.erasure.requested',
  version: 1,
  workspaceId: 'ws-1',
  occurredAt: '2026-11-23T10:00:00.000Z',
  receivedAt: '2026-11-23T10:00:00.000Z',
  correlationId: 'dsr_1',
  causationId: 'dsr_1',
  payload: {
    requestId: 'dsr_1',
    profileId: 'prof_a',
    partition: 3,
    requestProfileIds: ['prof_a', 'prof_b'],
  },
};

const withPayload = (payload: object) => ({
  ...command,
  payload: { ...command.payload, ...payload },
});

describe('profile.erasure.requested v1', () => {
  it('accepts a command naming the profile, its partition and every profile of the request', () => {
    expect(ProfileErasureRequestedV1.safeParse(command).success).toBe(true);
  });

  it('refuses a command whose request profiles leave out the profile it erases', () => {
    const result = ProfileErasureRequestedV1.safeParse(
      withPayload({ requestProfileIds: ['prof_b'] }),
    );

    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(
      'requestProfileIds must include profileId',
    );
  });

  it('refuses a command without a partition or without request profiles', () => {
    expect(ProfileErasureRequestedV1.safeParse(withPayload({ partition: -1 })).success).toBe(false);
    expect(
      ProfileErasureRequestedV1.safeParse(withPayload({ requestProfileIds: [] })).success,
    ).toBe(false);
  });

  it('comes from identity-deletions, a single durable on the deletion requests of PRIVACY', () => {
    const deletions = new Namespace('x').consumer(consumers.identityDeletions);
    expect(deletions).toEqual({
      durable: 'identity-deletions',
      filterSubject: 'x.privacy.deletion.requested',
    });
    expect(consumers.identityDeletions).toMatchObject({ stream: 'PRIVACY', partitioned: false });
  });
});

import { ProfileScoresUpdatedV1 } from './profile-scores-updated.v1';

const command = {
  id: 'scores-1',
  type: 'profile.scores.updated',
  version: 1,
  workspaceId: 'ws-1',
  occurredAt: '2025-05-01T00:00:00.000Z',
  receivedAt: '2025-05-01T00:00:00.000Z',
  correlationId: 'scores-1',
  causationId: null,
  payload: { profileId: 'p-1', partition: 3, scoredAt: '2025-05-01T00:00:00+02:00' },
};

describe('ProfileScoresUpdatedV1', () => {
  it('defaults to no scores, no segment changes and no hops', () => {
    expect(ProfileScoresUpdatedV1.parse(command).payload).toEqual({
      ...command.payload,
      scores: [],
      segments: { entered: [], exited: [] },
      hops: 0,
    });
  });

  it.each([
    [
      'a score given twice',
      {
        scores: [
          { name: 'a', value: 1 },
          { name: 'a', value: 2 },
        ],
      },
      /score \\"a\\" is given twice/,
    ],
    [
      'a segment both entered and exited',
      { segments: { entered: ['vip'], exited: ['vip'] } },
      /both entered and exited/,
    ],
    [
      'a score that is not a finite number',
      { scores: [{ name: 'a', value: Infinity }] },
      /number/i,
    ],
    ['a scoredAt without offset', { scoredAt: '2025-05-01T00:00:00' }, /datetime|date/i],
  ])('refuses %s', (_case, payload, message) => {
    const result = ProfileScoresUpdatedV1.safeParse({
      ...command,
      payload: { ...command.payload, ...payload },
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });
});

import { ProfileScoresUpdatedV2, ScoreUpdatedV1 } from '@meridian/contracts';
import { movedScores, scoreMessages, withPublished } from './model-scores';

const cause = {
  id: 'evt-1',
  workspaceId: 'ws',
  occurredAt: '2026-03-02T10:00:00.000Z',
  receivedAt: '2026-03-02T10:00:01.000Z',
  correlationId: 'call-1',
};

describe('movedScores', () => {
  const published = [{ name: 'propensity:Order Completed:7d', value: 0.2 }];

  it('leaves out a score that moved by no more than epsilon', () => {
    expect(
      movedScores(published, [{ name: 'propensity:Order Completed:7d', value: 0.205 }], 0.01),
    ).toEqual([]);
  });

  it('keeps a score that moved further, and one never published', () => {
    const scores = [
      { name: 'propensity:Order Completed:7d', value: 0.25 },
      { name: 'sendTime:hourOfWeek', value: 42 },
    ];
    expect(movedScores(published, scores, 0.01)).toEqual(scores);
  });
});

describe('withPublished', () => {
  it('replaces the published value of each score given', () => {
    expect(
      withPublished(
        [
          { name: 'a', value: 1 },
          { name: 'b', value: 2 },
        ],
        [{ name: 'a', value: 3 }],
      ),
    ).toEqual([
      { name: 'b', value: 2 },
      { name: 'a', value: 3 },
    ]);
  });
});

describe('scoreMessages', () => {
  const change = {
    cause,
    profileId: 'p-1',
    partition: 3,
    scoredAt: Date.parse('2026-03-02T10:00:00.000Z'),
    scores: [{ name: 'propensity:Order Completed:7d', value: 0.3 }],
  };

  it("sends identity the scores on the profile's ingest partition and announces score.updated", () => {
    const [command, updated] = scoreMessages(change);
    expect(command?.subject).toBe('ingest.3');
    expect(ProfileScoresUpdatedV2.parse(command?.event).payload).toMatchObject({
      profileId: 'p-1',
      scores: change.scores,
      rfm: null,
      scoredAt: '2026-03-02T10:00:00.000Z',
    });
    expect(updated?.subject).toBe('score.updated.3');
    expect(ScoreUpdatedV1.parse(updated?.event).payload.scores).toEqual(change.scores);
  });

  it('derives the ids from the cause, so a redelivered event republishes the same ids', () => {
    const ids = scoreMessages(change).map((message) => message.event.id);
    expect(ids).toEqual(['evt-1:model-scores', 'evt-1:model-score-updated']);
    expect(scoreMessages(change).map((message) => message.event.id)).toEqual(ids);
  });

  it('publishes nothing when no score moved', () => {
    expect(scoreMessages({ ...change, scores: [] })).toEqual([]);
  });
});

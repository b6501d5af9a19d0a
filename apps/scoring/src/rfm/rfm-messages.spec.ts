import {
  ProfileScoresUpdatedV2,
  ScoreUpdatedV1,
  SegmentEnteredV1,
  SegmentExitedV1,
} from '@meridian/contracts';
import { EMPTY_RFM, type RfmEvaluation } from './rfm-evaluation';
import {
  causeOfEvent,
  rfmChangeMessages,
  segmentSlug,
  sweepCause,
  type RfmCause,
} from './rfm-messages';

const AS_OF = Date.parse('2011-12-09T12:50:00.000Z');
const cause: RfmCause = causeOfEvent({
  id: 'e-9',
  workspaceId: 'ws',
  occurredAt: '2011-12-09T12:50:00.000Z',
  receivedAt: '2026-01-01T00:00:00.000Z',
  correlationId: 'call-9',
});
const champion = { ...EMPTY_RFM, recencyDays: 0, frequency: 7, monetary: 4310 };

function evaluation(overrides: Partial<RfmEvaluation>): RfmEvaluation {
  const rfm = { ...champion, r: 5, f: 5, m: 5, segment: 'Champions' as const };
  return {
    record: { ...rfm, trendSegments: [] },
    rfm,
    segments: ['Champions'],
    entered: [],
    exited: [],
    rfmChanged: false,
    ...overrides,
  };
}

const change = (overrides: Partial<RfmEvaluation>) =>
  rfmChangeMessages({
    cause,
    profileId: '12347',
    partition: 3,
    asOf: AS_OF,
    reason: 'event',
    evaluation: evaluation(overrides),
  });

describe('rfmChangeMessages', () => {
  it('publishes scores for identity, score.updated and each segment change, ids derived from the cause', () => {
    const messages = change({ rfmChanged: true, entered: ['Champions'], exited: ['Loyal'] });

    expect(messages.map(({ subject, event }) => [subject, event.id])).toEqual([
      ['ingest.3', 'e-9:rfm-scores'],
      ['score.updated.3', 'e-9:score-updated'],
      ['segment.exited.3', 'e-9:exited:loyal'],
      ['segment.entered.3', 'e-9:entered:champions'],
    ]);
    const [command, updated, exited, entered] = messages.map((message) => message.event);
    expect(ProfileScoresUpdatedV2.parse(command)).toMatchObject({
      causationId: 'e-9',
      correlationId: 'call-9',
      payload: {
        profileId: '12347',
        partition: 3,
        scoredAt: '2011-12-09T12:50:00.000Z',
        segments: { entered: ['Champions'], exited: ['Loyal'] },
        rfm: { frequency: 7, monetary: 4310, segment: 'Champions' },
      },
    });
    expect(ScoreUpdatedV1.parse(updated).payload.rfm).toMatchObject({ r: 5, f: 5, m: 5 });
    expect(SegmentExitedV1.parse(exited).payload).toMatchObject({ segment: 'Loyal', kind: 'rfm' });
    expect(SegmentEnteredV1.parse(entered).payload).toEqual({
      profileId: '12347',
      partition: 3,
      segment: 'Champions',
      kind: 'rfm',
      asOf: '2011-12-09T12:50:00.000Z',
      reason: 'event',
    });
  });

  it('tells identity about a segment change alone, without score.updated', () => {
    const messages = change({ entered: ['Zombies'] });
    expect(messages.map((message) => message.event.type)).toEqual([
      'profile.scores.updated',
      'segment.entered',
    ]);
  });

  it('publishes nothing when nothing changed', () => {
    expect(change({})).toEqual([]);
  });
});

describe('event ids', () => {
  it('derive a sweep step from the sweep and the profile, caused by nothing', () => {
    const sweep = { id: 'sweep-1', asOf: AS_OF, startedAt: AS_OF + 1_000 };
    expect(sweepCause(sweep, 'ws', 'p-1')).toEqual({
      id: 'sweep-1|p-1',
      workspaceId: 'ws',
      occurredAt: '2011-12-09T12:50:00.000Z',
      receivedAt: '2011-12-09T12:50:01.000Z',
      correlationId: 'sweep-1',
      causationId: null,
    });
  });

  it('name segments by a slug', () => {
    expect(segmentSlug("Can't Lose")).toBe('can-t-lose');
    expect(segmentSlug('Potential Loyalists')).toBe('potential-loyalists');
  });
});

import { ProfileScoresUpdatedV1, ProfileScoresUpdatedV2 } from '@meridian/contracts';
import { emptyProfile, toGoldenRecord, type Profile } from '../profiles';
import { applyScores } from './apply-scores';

const NOW = '2025-06-01T00:00:00.000Z';
const T1 = '2025-05-01T00:00:00.000Z';
const T2 = '2025-05-02T00:00:00.000Z';

function storedProfile(fields: Partial<Profile> = {}): Profile {
  return {
    ...emptyProfile({ profileId: 'p-1', workspaceId: 'ws-1', partition: 0, now: NOW }),
    revision: 4,
    ...fields,
  };
}

function command(payload: Record<string, unknown>, id = 'scores-1'): ProfileScoresUpdatedV1 {
  return ProfileScoresUpdatedV1.parse({
    id,
    type: 'profile.scores.updated',
    version: 1,
    workspaceId: 'ws-1',
    occurredAt: T2,
    receivedAt: T2,
    correlationId: id,
    causationId: null,
    payload: { profileId: 'p-1', partition: 0, scoredAt: T2, ...payload },
  });
}

function applied(profile: Profile, scores: ProfileScoresUpdatedV1) {
  const outcome = applyScores(profile, scores, NOW);
  if (outcome.kind !== 'applied') throw new Error('expected the command to change the profile');
  return outcome;
}

describe('applyScores', () => {
  it('writes scores by name with their time and reports them, as one more revision', () => {
    const profile = storedProfile({ scores: [{ name: 'churn', value: 0.5, at: T1 }] });

    const { profile: next, changes } = applied(
      profile,
      command({
        scores: [
          { name: 'churn', value: 0.1 },
          { name: 'ltv', value: 250 },
        ],
      }),
    );

    expect(next.scores).toEqual([
      { name: 'churn', value: 0.1, at: T2 },
      { name: 'ltv', value: 250, at: T2 },
    ]);
    expect(changes).toEqual([{ path: 'scores', value: next.scores }]);
    expect(next.revision).toBe(5);
    expect(next.appliedEventIds[0]).toBe('scores-1');
    expect(next.lastChange).toEqual({ eventId: 'scores-1', created: false, changes });
  });

  it('does not let an older score overwrite a newer one', () => {
    const profile = storedProfile({ scores: [{ name: 'churn', value: 0.5, at: T2 }] });

    const outcome = applyScores(
      profile,
      command({ scoredAt: T1, scores: [{ name: 'churn', value: 0.9 }] }),
      NOW,
    );

    expect(outcome).toEqual({ kind: 'unchanged' });
  });

  it('enters segments once, keeping the first entry time, and leaves them', () => {
    const profile = storedProfile({
      segments: [
        { name: 'vip', enteredAt: T1 },
        { name: 'new', enteredAt: T1 },
      ],
    });

    const { profile: next, changes } = applied(
      profile,
      command({ segments: { entered: ['vip', 'lapsing'], exited: ['new', 'never-in'] } }),
    );

    expect(next.segments).toEqual([
      { name: 'vip', enteredAt: T1 },
      { name: 'lapsing', enteredAt: T2 },
    ]);
    expect(changes).toEqual([{ path: 'segments', value: next.segments }]);
  });

  it('ignores an exit older than the entry it would end', () => {
    const profile = storedProfile({ segments: [{ name: 'vip', enteredAt: T2 }] });

    const outcome = applyScores(
      profile,
      command({ scoredAt: T1, segments: { exited: ['vip'] } }),
      NOW,
    );

    expect(outcome).toEqual({ kind: 'unchanged' });
  });

  it('changes nothing when the profile already holds what the command says', () => {
    const profile = storedProfile({
      scores: [{ name: 'churn', value: 0.5, at: T2 }],
      segments: [{ name: 'vip', enteredAt: T1 }],
    });

    const outcome = applyScores(
      profile,
      command({ scores: [{ name: 'churn', value: 0.5 }], segments: { entered: ['vip'] } }),
      NOW,
    );

    expect(outcome).toEqual({ kind: 'unchanged' });
  });
});

describe('applyScores with an RFM (profile.scores.updated v2)', () => {
  const RFM = {
    recencyDays: 2,
    frequency: 7,
    monetary: 4310,
    r: 5,
    f: 5,
    m: 5,
    segment: 'Champions',
    trend: 'steady',
  } as const;

  function v2(rfm: typeof RFM | null, scoredAt = T2, id = 'rfm-1') {
    return ProfileScoresUpdatedV2.parse({
      id,
      type: 'profile.scores.updated',
      version: 2,
      workspaceId: 'ws-1',
      occurredAt: scoredAt,
      receivedAt: scoredAt,
      correlationId: id,
      causationId: null,
      payload: { profileId: 'p-1', partition: 0, scoredAt, rfm },
    });
  }

  it('writes the RFM as scores.rfm on the golden record, with when it was computed', () => {
    const outcome = applyScores(storedProfile(), v2(RFM), NOW);

    if (outcome.kind !== 'applied') throw new Error('expected the RFM to be written');
    expect(outcome.profile.rfm).toEqual({ ...RFM, at: T2 });
    expect(toGoldenRecord(outcome.profile).scores.rfm).toEqual({ ...RFM, at: T2 });
    expect(outcome.changes).toEqual([{ path: 'scores.rfm', value: { ...RFM, at: T2 } }]);
  });

  it('keeps a newer RFM, and changes nothing for the same values or a command without one', () => {
    const newer = storedProfile({ rfm: { ...RFM, recencyDays: 1, at: T2 } });
    const same = storedProfile({ rfm: { ...RFM, at: T1 } });

    expect(applyScores(newer, v2(RFM, T1), NOW)).toEqual({ kind: 'unchanged' });
    expect(applyScores(same, v2(RFM, T2), NOW)).toEqual({ kind: 'unchanged' });
    expect(applyScores(same, v2(null, T2), NOW)).toEqual({ kind: 'unchanged' });
  });
});

import { type FeatureVector, fromFeatureEntries } from './feature-vector';
import {
  closeExpired,
  LabelledExample,
  openObservation,
  PendingObservation,
  recordGoalEvent,
} from './label-window';

const goal = 'Order Completed';
const observedAt = '2026-03-01T12:00:00.000Z';
const sevenDaysLater = '2026-03-08T12:00:00.000Z';
const justAfterClose = '2026-03-08T12:00:00.001Z';

function observe(at = observedAt, features: FeatureVector = { recency: 1.5, 'country=UK': 1 }) {
  return { profileId: 'p1', goal, observedAt: at, features };
}

function opened(): PendingObservation {
  return openObservation(null, observe()).pending;
}

function goalAt(occurredAt: string) {
  return { profileId: 'p1', goal, occurredAt };
}

/** The label the observation gets once its window has closed. */
function labelAfter(...occurredAt: string[]): LabelledExample | undefined {
  const pending = occurredAt.reduce(
    (current, at) => recordGoalEvent(current, goalAt(at)),
    opened(),
  );
  return closeExpired([pending], justAfterClose).examples[0];
}

describe('label window', () => {
  it('opens an observation that closes seven days later with its feature snapshot', () => {
    const outcome = openObservation(null, observe());
    expect(outcome.opened).toBe(true);
    expect(outcome.closed).toBeNull();
    expect(outcome.pending).toMatchObject({
      profileId: 'p1',
      goal,
      observedAt,
      closesAt: sevenDaysLater,
      goalAt: null,
    });
    expect(fromFeatureEntries(outcome.pending.features)).toEqual({ recency: 1.5, 'country=UK': 1 });
    expect(PendingObservation.parse(outcome.pending)).toEqual(outcome.pending);
  });

  it('labels an observation positive when the goal event occurs inside the window', () => {
    const example = labelAfter('2026-03-04T09:00:00.000Z');
    expect(example).toMatchObject({
      label: 1,
      goalAt: '2026-03-04T09:00:00.000Z',
      observedAt,
      labelledAt: sevenDaysLater,
    });
    expect(LabelledExample.parse(example)).toEqual(example);
  });

  it('releases a positive only when the window closes, not when the goal arrives', () => {
    const pending = recordGoalEvent(opened(), goalAt('2026-03-02T00:00:00.000Z'));
    expect(pending.goalAt).toBe('2026-03-02T00:00:00.000Z');
    expect(closeExpired([pending], '2026-03-05T00:00:00.000Z').examples).toEqual([]);
  });

  it('counts a goal event exactly seven days after the observation', () => {
    expect(labelAfter(sevenDaysLater)?.label).toBe(1);
  });

  it('ignores a goal event one millisecond after the window', () => {
    expect(labelAfter(justAfterClose)?.label).toBe(0);
  });

  it('ignores a goal event at the instant of the observation or before it', () => {
    expect(labelAfter(observedAt)?.label).toBe(0);
    expect(labelAfter('2026-02-28T12:00:00.000Z')?.label).toBe(0);
  });

  it('labels by when goal events occurred, whatever order they arrive in', () => {
    // Outside the window first, then a late one from inside it, then an earlier one.
    const example = labelAfter(
      '2026-03-10T00:00:00.000Z',
      '2026-03-05T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    );
    expect(example).toMatchObject({ label: 1, goalAt: '2026-03-02T00:00:00.000Z' });
    expect(labelAfter('2026-03-02T00:00:00.000Z', '2026-03-05T00:00:00.000Z')?.goalAt).toBe(
      '2026-03-02T00:00:00.000Z',
    );
  });

  it('closes a window as negative only after its last instant has passed', () => {
    const pending = [opened()];
    expect(closeExpired(pending, sevenDaysLater)).toEqual({ examples: [], stillPending: pending });
    const closed = closeExpired(pending, justAfterClose);
    expect(closed.stillPending).toEqual([]);
    expect(closed.examples).toEqual([
      expect.objectContaining({
        label: 0,
        goalAt: null,
        labelledAt: sevenDaysLater,
        profileId: 'p1',
      }),
    ]);
  });

  it('keeps the pending observation when a newer one arrives inside its window', () => {
    const first = opened();
    const outcome = openObservation(first, observe('2026-03-05T00:00:00.000Z', { recency: 9 }));
    expect(outcome).toEqual({ opened: false, pending: first, closed: null });
    // Even one made exactly at the close: the window still includes that instant.
    expect(openObservation(first, observe(sevenDaysLater)).opened).toBe(false);
  });

  it('replaces an observation whose window closed unnoticed, releasing its example', () => {
    const first = recordGoalEvent(opened(), goalAt('2026-03-03T00:00:00.000Z'));
    const outcome = openObservation(first, observe('2026-03-09T00:00:00.000Z', { recency: 9 }));
    expect(outcome.opened).toBe(true);
    expect(outcome.pending).toMatchObject({ observedAt: '2026-03-09T00:00:00.000Z', goalAt: null });
    expect(outcome.closed).toMatchObject({ label: 1, observedAt, labelledAt: sevenDaysLater });
  });

  it('takes another window length', () => {
    const { pending } = openObservation(null, observe(), { windowDays: 1 });
    expect(pending.closesAt).toBe('2026-03-02T12:00:00.000Z');
    expect(() => openObservation(null, observe(), { windowDays: 0 })).toThrow(/windowDays/);
  });

  it('rejects an event for another profile or goal and an unreadable instant', () => {
    const pending = opened();
    expect(() =>
      recordGoalEvent(pending, { profileId: 'p2', goal, occurredAt: observedAt }),
    ).toThrow(RangeError);
    expect(() =>
      recordGoalEvent(pending, { profileId: 'p1', goal: 'Signed Up', occurredAt: observedAt }),
    ).toThrow(/Signed Up/);
    expect(() => closeExpired([pending], 'yesterday')).toThrow('now is not an ISO-8601 instant');
  });
});

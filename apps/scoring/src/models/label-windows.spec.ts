import { observeGoal, releaseExpired } from './label-windows';
import { newModelProfile, type ModelProfileDocument } from './model-profile';

const GOAL = 'Order Completed';
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 2, 2 + day, hour)).toISOString();
const features = { frequency: 1 };

const observe = (profile: ModelProfileDocument, when: string, isGoalEvent = false) =>
  observeGoal(profile, { goal: GOAL, windowDays: 7, at: when, isGoalEvent, features });

const empty = newModelProfile({ workspaceId: 'ws', profileId: 'p-1', partition: 0 });

describe('observeGoal', () => {
  it('opens a window with the features at the event and notes when it closes', () => {
    const { profile, released } = observe(empty, at(0));
    expect(released).toEqual([]);
    expect(profile.pending).toEqual([
      {
        profileId: 'p-1',
        goal: GOAL,
        observedAt: at(0),
        closesAt: at(7),
        goalAt: null,
        features: [{ name: 'frequency', value: 1 }],
      },
    ]);
    expect(profile.nextCloseAt).toBe(Date.parse(at(7)));
  });

  it('keeps the older window while it is pending, and labels it with a goal event', () => {
    const opened = observe(empty, at(0)).profile;
    const { profile } = observe(opened, at(2), true);
    expect(profile.pending).toHaveLength(1);
    expect(profile.pending[0]).toMatchObject({ observedAt: at(0), goalAt: at(2) });
  });

  it('releases an ended window as an example when a later event opens the next', () => {
    const labelled = observe(observe(empty, at(0)).profile, at(3), true).profile;
    const { profile, released } = observe(labelled, at(9));
    expect(released).toEqual([
      expect.objectContaining({ label: 1, observedAt: at(0), labelledAt: at(7), goalAt: at(3) }),
    ]);
    expect(profile.pending[0]).toMatchObject({ observedAt: at(9), goalAt: null });
  });
});

describe('releaseExpired', () => {
  it('turns a silent window into a negative once the cutoff passed its close', () => {
    const opened = observe(empty, at(0)).profile;
    expect(releaseExpired(opened, at(7)).released).toEqual([]);
    const { profile, released } = releaseExpired(opened, at(7, 11));
    expect(released).toEqual([expect.objectContaining({ label: 0, goalAt: null })]);
    expect(profile.pending).toEqual([]);
    expect(profile.nextCloseAt).toBeNull();
  });
});

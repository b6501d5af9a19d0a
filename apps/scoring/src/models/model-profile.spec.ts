import {
  ACTIVITY_MEAN_LIFE_DAYS,
  ACTIVITY_NAMES_LIMIT,
  addToDecayed,
  decayedValue,
  MODEL_APPLIED_EVENT_IDS_LIMIT,
  newModelProfile,
  summaryFor,
  withProfileEvent,
  type ModelProfileDocument,
  type ProfileEventFacts,
} from './model-profile';

const DAY_MS = 86_400_000;
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const GOALS = ['Order Completed'];

const facts = (id: string, day: number, name: string | null, revenue = 0): ProfileEventFacts => ({
  id,
  at: T0 + day * DAY_MS,
  name,
  revenue,
  attributes: [],
  utcOffsetMinutes: null,
});

function applyAll(events: readonly ProfileEventFacts[]): ModelProfileDocument {
  let profile = newModelProfile({ workspaceId: 'ws', profileId: 'p-1', partition: 3 });
  for (const event of events) profile = withProfileEvent(profile, event, GOALS) ?? profile;
  return profile;
}

describe('decayed counts', () => {
  it('lose 1/e of their value per mean life', () => {
    const count = addToDecayed({ value: 0, at: 0 }, T0);
    expect(decayedValue(count, T0 + ACTIVITY_MEAN_LIFE_DAYS * DAY_MS)).toBeCloseTo(Math.exp(-1));
  });

  it('do not depend on the order events arrive in', () => {
    const early = T0;
    const late = T0 + 10 * DAY_MS;
    const inOrder = addToDecayed(addToDecayed({ value: 0, at: 0 }, early), late);
    const reversed = addToDecayed(addToDecayed({ value: 0, at: 0 }, late), early);
    expect(decayedValue(reversed, late + DAY_MS)).toBeCloseTo(decayedValue(inOrder, late + DAY_MS));
  });
});

describe('withProfileEvent', () => {
  it('counts goal events with their revenue and the latest one, whatever the arrival order', () => {
    const profile = applyAll([
      facts('e-2', 5, 'Order Completed', 30),
      facts('e-1', 1, 'Order Completed', 20),
      facts('e-3', 3, 'Product Viewed'),
    ]);
    expect(profile.goals).toEqual([
      { goal: 'Order Completed', count: 2, revenue: 50, lastAt: T0 + 5 * DAY_MS },
    ]);
    expect(profile.firstSeenAt).toBe(T0 + DAY_MS);
    expect(profile.lastSeenAt).toBe(T0 + 5 * DAY_MS);
    expect(profile.activity.map((entry) => entry.name).sort()).toEqual([
      'Order Completed',
      'Product Viewed',
    ]);
  });

  it('ignores a redelivered event', () => {
    const once = applyAll([facts('e-1', 0, 'Order Completed', 20)]);
    expect(withProfileEvent(once, facts('e-1', 0, 'Order Completed', 20), GOALS)).toBeNull();
  });

  it(`remembers the last ${MODEL_APPLIED_EVENT_IDS_LIMIT} event ids`, () => {
    const events = Array.from({ length: MODEL_APPLIED_EVENT_IDS_LIMIT + 3 }, (_, index) =>
      facts(`e-${index}`, 0, 'Page'),
    );
    const profile = applyAll(events);
    expect(profile.appliedEventIds).toHaveLength(MODEL_APPLIED_EVENT_IDS_LIMIT);
    expect(profile.appliedEventIds[0]).toBe('e-3');
  });

  it(`keeps the ${ACTIVITY_NAMES_LIMIT} most active event names`, () => {
    const busy = Array.from({ length: 3 }, (_, index) => facts(`busy-${index}`, 0, 'Busy'));
    const rare = Array.from({ length: ACTIVITY_NAMES_LIMIT }, (_, index) =>
      facts(`rare-${index}`, 1, `Rare ${index}`),
    );
    const names = applyAll([...busy, ...rare]).activity.map((entry) => entry.name);
    expect(names).toHaveLength(ACTIVITY_NAMES_LIMIT);
    expect(names).toContain('Busy');
    expect(names).toContain(`Rare ${ACTIVITY_NAMES_LIMIT - 1}`);
  });

  it('keeps the traits and time zone of the latest event that carried them', () => {
    let profile = applyAll([
      {
        ...facts('e-1', 0, 'Page'),
        attributes: [{ name: 'plan', value: 'pro' }],
        utcOffsetMinutes: 60,
      },
    ]);
    profile = withProfileEvent(profile, facts('e-2', 1, 'Page'), GOALS) ?? profile;
    expect(profile.attributes).toEqual([{ name: 'plan', value: 'pro' }]);
    expect(profile.utcOffsetMinutes).toBe(60);
  });
});

describe('summaryFor', () => {
  it('describes the goal, the tenure and the recent activity at the instant asked', () => {
    const profile = applyAll([
      { ...facts('e-1', 0, 'Product Viewed'), attributes: [{ name: 'country', value: 'UK' }] },
      facts('e-2', 2, 'Order Completed', 40),
    ]);
    const summary = summaryFor(profile, 'Order Completed', T0 + 4 * DAY_MS);
    expect(summary).toMatchObject({
      recencyDays: 2,
      frequency: 1,
      monetary: 40,
      daysSinceFirstSeen: 4,
      attributes: { country: 'UK' },
    });
    expect(summary.eventCounts?.['Product Viewed']).toBeCloseTo(
      Math.exp(-4 / ACTIVITY_MEAN_LIFE_DAYS),
    );
  });

  it('has no recency for a goal never reached', () => {
    const profile = applyAll([facts('e-1', 0, 'Product Viewed')]);
    expect(summaryFor(profile, 'Order Completed', T0)).toMatchObject({
      recencyDays: null,
      frequency: 0,
      monetary: 0,
    });
  });
});

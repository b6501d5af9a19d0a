import {
  APPLIED_EVENT_IDS_LIMIT,
  applyEvent,
  type FeatureEvent,
  type ProfileFeatures,
} from './profile-features';

const event = (id: string, occurredAt = '2026-01-01T10:00:00.000Z'): FeatureEvent => ({
  id,
  workspaceId: 'ws',
  profileId: 'p-1',
  occurredAt: new Date(occurredAt),
});

function applyAll(events: readonly FeatureEvent[]): ProfileFeatures | null {
  let features: ProfileFeatures | null = null;
  for (const next of events) features = applyEvent(features, next) ?? features;
  return features;
}

describe('applyEvent', () => {
  it('starts a profile at one event, revision 1', () => {
    expect(applyEvent(null, event('e-1'))).toEqual({
      _id: 'ws|p-1',
      workspaceId: 'ws',
      profileId: 'p-1',
      eventCount: 1,
      lastEventAt: new Date('2026-01-01T10:00:00.000Z'),
      appliedEventIds: ['e-1'],
      revision: 1,
    });
  });

  it('counts each new event and bumps the revision', () => {
    const features = applyAll([event('e-1'), event('e-2'), event('e-3')]);
    expect(features).toMatchObject({
      eventCount: 3,
      revision: 3,
      appliedEventIds: ['e-1', 'e-2', 'e-3'],
    });
  });

  it('ignores a redelivered event', () => {
    const once = applyAll([event('e-1'), event('e-2')]);
    expect(once).not.toBeNull();
    expect(applyEvent(once, event('e-1'))).toBeNull();
    expect(applyEvent(once, event('e-2'))).toBeNull();
  });

  it('keeps the latest event time when events arrive out of order', () => {
    const features = applyAll([
      event('late', '2026-01-02T00:00:00.000Z'),
      event('early', '2026-01-01T00:00:00.000Z'),
    ]);
    expect(features?.lastEventAt).toEqual(new Date('2026-01-02T00:00:00.000Z'));
    expect(features?.eventCount).toBe(2);
  });

  it(`remembers only the last ${APPLIED_EVENT_IDS_LIMIT} event ids`, () => {
    const ids = Array.from({ length: APPLIED_EVENT_IDS_LIMIT + 5 }, (_, index) => `e-${index}`);
    const features = applyAll(ids.map((id) => event(id)));
    expect(features?.appliedEventIds).toHaveLength(APPLIED_EVENT_IDS_LIMIT);
    expect(features?.appliedEventIds[0]).toBe('e-5');
    expect(features?.appliedEventIds.at(-1)).toBe(`e-${APPLIED_EVENT_IDS_LIMIT + 4}`);
    expect(features?.eventCount).toBe(APPLIED_EVENT_IDS_LIMIT + 5);
  });
});

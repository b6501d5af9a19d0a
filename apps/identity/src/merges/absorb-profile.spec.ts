import { DEFAULT_SURVIVORSHIP, emptyProfile, type Profile } from '../profiles';
import { absorbProfile } from './absorb-profile';

const NOW = '2025-06-01T00:00:00.000Z';

function profile(profileId: string, fields: Partial<Profile>): Profile {
  return {
    ...emptyProfile({ profileId, workspaceId: 'ws', partition: 0, now: NOW }),
    revision: 3,
    ...fields,
  };
}

const survivor = profile('p-user', {
  createdAt: '2025-02-01T00:00:00.000Z',
  identifiers: [{ type: 'userId', value: 'u1' }],
  traits: { plan: 'pro', name: 'Ann' },
  traitLineage: [{ trait: 'plan', sourceId: 'web', eventId: 'e2', at: '2025-03-01T00:00:00.000Z' }],
  computed: {
    eventCounts: [{ name: 'Order Completed', count: 2 }],
    firstSeenAt: '2025-02-01T00:00:00.000Z',
    lastSeenAt: '2025-03-01T00:00:00.000Z',
    engagement: [{ channel: 'email', sent: 2, delivered: 2, opened: 1, clicked: 0, failed: 0 }],
  },
  timeline: [
    { id: 'e2', type: 'track', event: 'Order Completed', timestamp: '2025-03-01T00:00:00.000Z' },
  ],
  appliedEventIds: ['e2'],
});
const absorbed = profile('p-anon', {
  createdAt: '2025-01-01T00:00:00.000Z',
  identifiers: [
    { type: 'anonymousId', value: 'a1' },
    { type: 'userId', value: 'u1' },
  ],
  traits: { plan: 'free', city: 'Leeds' },
  traitLineage: [{ trait: 'plan', sourceId: 'web', eventId: 'e1', at: '2025-01-05T00:00:00.000Z' }],
  computed: {
    eventCounts: [
      { name: 'Order Completed', count: 1 },
      { name: 'Viewed', count: 4 },
    ],
    firstSeenAt: '2025-01-01T00:00:00.000Z',
    lastSeenAt: '2025-01-05T00:00:00.000Z',
    engagement: [{ channel: 'email', sent: 1, delivered: 1, opened: 1, clicked: 1, failed: 0 }],
  },
  timeline: [
    { id: 'e1', type: 'page', event: 'Home', timestamp: '2025-01-05T00:00:00.000Z' },
    { id: 'e0', type: 'page', event: 'Shoes', timestamp: '2025-04-01T00:00:00.000Z' },
  ],
  appliedEventIds: ['e1'],
});

describe('absorbProfile', () => {
  const { profile: merged, changes } = absorbProfile(
    survivor,
    absorbed,
    'merge-1',
    DEFAULT_SURVIVORSHIP,
    NOW,
  );

  it('unites identifiers without repeating one', () => {
    expect(merged.identifiers).toEqual([
      { type: 'userId', value: 'u1' },
      { type: 'anonymousId', value: 'a1' },
    ]);
  });

  it('keeps the more recent trait value and takes traits only the absorbed profile had', () => {
    expect(merged.traits).toEqual({ plan: 'pro', name: 'Ann', city: 'Leeds' });
    expect(changes.map((change) => change.path)).toContain('traits.city');
    expect(changes.map((change) => change.path)).not.toContain('traits.plan');
  });

  it('adds counters and widens first and last seen', () => {
    expect(merged.computed.eventCounts).toEqual([
      { name: 'Order Completed', count: 3 },
      { name: 'Viewed', count: 4 },
    ]);
    expect(merged.computed.firstSeenAt).toBe('2025-01-01T00:00:00.000Z');
    expect(merged.computed.engagement).toEqual([
      { channel: 'email', sent: 3, delivered: 3, opened: 2, clicked: 1, failed: 0 },
    ]);
  });

  it('interleaves the timelines newest first and keeps the earlier creation time', () => {
    expect(merged.timeline.map((entry) => entry.id)).toEqual(['e0', 'e2', 'e1']);
    expect(merged.createdAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('records the merge in the idempotency window as one more revision of the survivor', () => {
    expect(merged.appliedEventIds).toEqual(['merge-1', 'e2', 'e1']);
    expect(merged.revision).toBe(4);
    expect(merged.lastChange?.eventId).toBe('merge-1');
    expect(merged.mergedInto).toBeNull();
  });
});

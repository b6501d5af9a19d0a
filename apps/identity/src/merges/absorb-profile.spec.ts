import {
  DEFAULT_SURVIVORSHIP,
  emptyProfile,
  NO_COMMERCE,
  noEngagement,
  type Profile,
} from '../profiles';
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
    engagement: [{ ...noEngagement('email'), requested: 3, sent: 2, delivered: 2, opened: 1 }],
    commerce: {
      lifetimeRevenue: 100.5,
      refundedRevenue: 10,
      netRevenue: 90.5,
      orderCount: 2,
      currency: 'EUR',
      lastOrder: { orderId: 'o-2', revenue: 60.5, at: '2025-03-01T00:00:00.000Z' },
    },
  },
  consent: [
    { category: 'Advertising', granted: false, at: '2025-03-01T00:00:00.000Z', sourceId: 'web' },
    { category: 'Analytics', granted: true, at: '2025-01-01T00:00:00.000Z', sourceId: 'web' },
  ],
  subscriptions: [
    { channel: 'email', state: 'subscribed', at: '2025-02-01T00:00:00.000Z', source: 'web' },
  ],
  scores: [{ name: 'churn', value: 0.2, at: '2025-03-01T00:00:00.000Z' }],
  segments: [{ name: 'vip', enteredAt: '2025-03-01T00:00:00.000Z' }],
  countedOrderKeys: ['order|o-2', 'order|o-1'],
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
    engagement: [
      { ...noEngagement('email'), sent: 1, delivered: 1, opened: 1, clicked: 1, skipped: 1 },
      { ...noEngagement('sms'), skipped: 2 },
    ],
    commerce: {
      lifetimeRevenue: 20.25,
      refundedRevenue: 0,
      netRevenue: 20.25,
      orderCount: 1,
      currency: 'GBP',
      lastOrder: { orderId: 'o-0', revenue: 20.25, at: '2025-01-04T00:00:00.000Z' },
    },
  },
  consent: [
    { category: 'Advertising', granted: true, at: '2025-01-02T00:00:00.000Z', sourceId: 'app' },
    { category: 'Analytics', granted: false, at: '2025-01-03T00:00:00.000Z', sourceId: 'app' },
    { category: 'Email', granted: true, at: '2025-01-03T00:00:00.000Z', sourceId: 'app' },
  ],
  subscriptions: [
    { channel: 'email', state: 'unsubscribed', at: '2025-02-01T00:00:00.000Z', source: 'app' },
    { channel: 'push', state: 'subscribed', at: '2025-01-03T00:00:00.000Z', source: 'app' },
  ],
  scores: [
    { name: 'churn', value: 0.9, at: '2025-04-01T00:00:00.000Z' },
    { name: 'ltv', value: 120, at: '2025-01-04T00:00:00.000Z' },
  ],
  segments: [
    { name: 'vip', enteredAt: '2025-01-04T00:00:00.000Z' },
    { name: 'lapsed', enteredAt: '2025-01-04T00:00:00.000Z' },
  ],
  countedOrderKeys: ['order|o-0', 'order|o-1'],
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
      {
        ...noEngagement('email'),
        requested: 3,
        sent: 3,
        delivered: 3,
        opened: 2,
        clicked: 1,
        skipped: 1,
      },
      { ...noEngagement('sms'), skipped: 2 },
    ]);
  });

  it('adds revenue, refunds and orders and keeps the later last order', () => {
    expect(merged.computed.commerce).toEqual({
      lifetimeRevenue: 120.75,
      refundedRevenue: 10,
      netRevenue: 110.75,
      orderCount: 3,
      currency: 'EUR',
      lastOrder: { orderId: 'o-2', revenue: 60.5, at: '2025-03-01T00:00:00.000Z' },
    });
    expect(merged.countedOrderKeys).toEqual(['order|o-2', 'order|o-1', 'order|o-0']);
  });

  it('takes the absorbed last order when it is the later one', () => {
    const later = {
      ...absorbed,
      computed: {
        ...absorbed.computed,
        commerce: {
          ...NO_COMMERCE,
          orderCount: 1,
          lastOrder: { orderId: 'o-9', revenue: 5, at: '2025-05-01T00:00:00.000Z' },
        },
      },
    };
    const result = absorbProfile(survivor, later, 'merge-2', DEFAULT_SURVIVORSHIP, NOW);
    expect(result.profile.computed.commerce.lastOrder?.orderId).toBe('o-9');
  });

  it('keeps the newer consent per category and subscription per channel', () => {
    expect(merged.consent).toEqual([
      { category: 'Advertising', granted: false, at: '2025-03-01T00:00:00.000Z', sourceId: 'web' },
      { category: 'Analytics', granted: false, at: '2025-01-03T00:00:00.000Z', sourceId: 'app' },
      { category: 'Email', granted: true, at: '2025-01-03T00:00:00.000Z', sourceId: 'app' },
    ]);
    // Same time on both: the survivor's word stays.
    expect(merged.subscriptions).toEqual([
      { channel: 'email', state: 'subscribed', at: '2025-02-01T00:00:00.000Z', source: 'web' },
      { channel: 'push', state: 'subscribed', at: '2025-01-03T00:00:00.000Z', source: 'app' },
    ]);
    const paths = changes.map((change) => change.path);
    expect(paths).toEqual(expect.arrayContaining(['consent', 'subscriptions']));
  });

  it("keeps the survivor's scores and segments and adds the absorbed ones of other names", () => {
    expect(merged.scores).toEqual([
      { name: 'churn', value: 0.2, at: '2025-03-01T00:00:00.000Z' },
      { name: 'ltv', value: 120, at: '2025-01-04T00:00:00.000Z' },
    ]);
    expect(merged.segments).toEqual([
      { name: 'vip', enteredAt: '2025-03-01T00:00:00.000Z' },
      { name: 'lapsed', enteredAt: '2025-01-04T00:00:00.000Z' },
    ]);
  });

  it('reports no consent, subscription, score or segment change when the absorbed profile adds none', () => {
    const bare = profile('p-bare', { createdAt: '2025-06-01T00:00:00.000Z' });
    const result = absorbProfile(survivor, bare, 'merge-3', DEFAULT_SURVIVORSHIP, NOW);
    const paths = result.changes.map((change) => change.path);
    for (const field of ['consent', 'subscriptions', 'scores', 'segments'])
      expect(paths).not.toContain(field);
    expect(result.profile.scores).toEqual(survivor.scores);
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

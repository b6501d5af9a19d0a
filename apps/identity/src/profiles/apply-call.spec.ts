import { CallAcceptedV1 } from '@meridian/contracts';
import { identifyEvent, pageEvent, trackEvent, type CallOptions } from '../test-support/events';
import { applyCall, hasApplied } from './apply-call';
import { InvalidTraitsError } from './errors';
import { identifiersOfCall } from './identifiers';
import { emptyProfile, Profile, PROFILE_LIMITS } from './profile.model';

const NOW = '2025-02-01T00:00:00.000Z';

function newProfile(): Profile {
  return emptyProfile({ profileId: 'p-1', workspaceId: 'ws-1', partition: 0, now: NOW });
}

/** Applies events in order, attaching each call's own identifiers. */
function applyAll(profile: Profile, events: ReturnType<typeof trackEvent>[]): Profile {
  return events.reduce(
    (current, event) =>
      applyCall(current, event, identifiersOfCall(event.payload.call), NOW).profile,
    profile,
  );
}

/** The event with more call fields (properties, context), parsed as the transport would. */
function withCall(event: CallAcceptedV1, fields: Record<string, unknown>): CallAcceptedV1 {
  return CallAcceptedV1.parse({
    ...event,
    payload: { ...event.payload, call: { ...event.payload.call, ...fields } },
  });
}

function orderEvent(
  name: 'Order Completed' | 'Order Refunded',
  properties: Record<string, unknown>,
  options: CallOptions = {},
): CallAcceptedV1 {
  return withCall(trackEvent(name, { userId: 'u1', ...options }), { properties });
}

function changedPaths(profile: Profile, event: CallAcceptedV1): string[] {
  return applyCall(profile, event, [], NOW).changes.map((change) => change.path);
}

describe('applyCall', () => {
  it('merges identify traits shallowly and reports each changed trait by path', () => {
    const first = identifyEvent(
      { name: 'Ann', address: { city: 'Oslo', zip: '0150' } },
      { userId: 'u1' },
    );
    const second = identifyEvent(
      { plan: 'pro', address: { city: 'Bergen' }, name: 'Ann' },
      { userId: 'u1' },
    );

    const afterFirst = applyCall(newProfile(), first, [], NOW).profile;
    const { profile, changes } = applyCall(afterFirst, second, [], NOW);

    expect(profile.traits).toEqual({ name: 'Ann', plan: 'pro', address: { city: 'Bergen' } });
    const paths = changes.map((change) => change.path);
    expect(paths).toEqual(expect.arrayContaining(['traits.plan', 'traits.address']));
    expect(paths).not.toContain('traits.name');
  });

  it('refuses identify traits whose keys contain a dot or start with $, naming each key', () => {
    const event = identifyEvent(
      { 'first.name': 'Ann', $set: 1, ok: { 'nested.key': true } },
      { userId: 'u1' },
    );

    const attempt = () => applyCall(newProfile(), event, [], NOW);

    expect(attempt).toThrow(InvalidTraitsError);
    expect(attempt).toThrow(/"first\.name"/);
    expect(attempt).toThrow(/"\$set"/);
    expect(attempt).toThrow(/"ok\.nested\.key"/);
  });

  it('refuses identify traits holding an array inside an array', () => {
    const event = identifyEvent({ matrix: [[1, 2]] }, { userId: 'u1' });
    expect(() => applyCall(newProfile(), event, [], NOW)).toThrow(/"matrix\[0\]"/);
  });

  it('counts track events per event name as {name, count} entries, dotted names included', () => {
    const profile = applyAll(newProfile(), [
      trackEvent('Order Completed', { userId: 'u1' }),
      trackEvent('app.opened', { userId: 'u1' }),
      trackEvent('Order Completed', { userId: 'u1' }),
      pageEvent('Home', { userId: 'u1' }),
    ]);

    expect(profile.computed.eventCounts).toEqual([
      { name: 'Order Completed', count: 2 },
      { name: 'app.opened', count: 1 },
    ]);
  });

  it('keeps the earliest and latest call time as first and last seen, whatever the arrival order', () => {
    const profile = applyAll(newProfile(), [
      trackEvent('a', { userId: 'u1', timestamp: '2025-01-05T00:00:00.000Z' }),
      trackEvent('b', { userId: 'u1', timestamp: '2025-01-01T02:00:00+02:00' }),
      trackEvent('c', { userId: 'u1', timestamp: '2025-01-03T00:00:00.000Z' }),
    ]);

    expect(profile.computed.firstSeenAt).toBe('2025-01-01T00:00:00.000Z');
    expect(profile.computed.lastSeenAt).toBe('2025-01-05T00:00:00.000Z');
  });

  it('puts the newest call first on the timeline and keeps only the last 50', () => {
    const events = Array.from({ length: 60 }, (_, index) =>
      trackEvent(`event ${index}`, { userId: 'u1' }),
    );
    const profile = applyAll(newProfile(), events);

    expect(profile.timeline).toHaveLength(PROFILE_LIMITS.timeline);
    expect(profile.timeline[0]).toEqual({
      id: events[59]?.id,
      type: 'track',
      event: 'event 59',
      timestamp: '2025-01-01T10:00:00.000Z',
    });
    expect(profile.timeline.at(-1)?.event).toBe('event 10');
  });

  it('remembers the last 200 applied event ids for redelivery checks', () => {
    const events = Array.from({ length: 210 }, () => trackEvent('tick', { userId: 'u1' }));
    const profile = applyAll(newProfile(), events);

    expect(profile.appliedEventIds).toHaveLength(PROFILE_LIMITS.appliedEventIds);
    expect(hasApplied(profile, events[209]?.id ?? '')).toBe(true);
    expect(hasApplied(profile, events[10]?.id ?? '')).toBe(true);
    expect(hasApplied(profile, events[9]?.id ?? '')).toBe(false);
  });

  it('adds only identifiers the profile does not have yet', () => {
    const event = identifyEvent({ email: 'ann@example.com' }, { userId: 'u1', anonymousId: 'a1' });
    const profile: Profile = { ...newProfile(), identifiers: [{ type: 'userId', value: 'u1' }] };

    const applied = applyCall(profile, event, identifiersOfCall(event.payload.call), NOW);

    expect(applied.profile.identifiers).toEqual([
      { type: 'userId', value: 'u1' },
      { type: 'anonymousId', value: 'a1' },
      { type: 'email', value: 'ann@example.com' },
    ]);
    expect(applied.changes).toContainEqual({
      path: 'identifiers',
      value: applied.profile.identifiers,
    });
  });

  it('bumps the revision and records the change as created only for a new profile', () => {
    const first = applyCall(newProfile(), trackEvent('a', { userId: 'u1' }), [], NOW);
    const secondEvent = trackEvent('b', { userId: 'u1' });
    const second = applyCall(first.profile, secondEvent, [], NOW);

    expect(first.profile.revision).toBe(1);
    expect(first.profile.lastChange?.created).toBe(true);
    expect(second.profile.revision).toBe(2);
    expect(second.profile.lastChange).toEqual({
      eventId: secondEvent.id,
      created: false,
      changes: second.changes,
    });
    expect(second.profile.updatedAt).toBe(NOW);
  });

  describe('commerce', () => {
    it('adds orders and refunds from track calls and reports computed.commerce', () => {
      const completed = orderEvent('Order Completed', {
        orderId: '536365',
        revenue: 139.12,
        currency: 'GBP',
      });
      const refunded = orderEvent(
        'Order Refunded',
        { orderId: 'C536379', revenue: 27.5, currency: 'GBP' },
        { timestamp: '2025-01-02T00:00:00.000Z' },
      );

      const afterOrder = applyCall(newProfile(), completed, [], NOW);
      const afterRefund = applyCall(afterOrder.profile, refunded, [], NOW);

      expect(afterOrder.changes.map((change) => change.path)).toContain('computed.commerce');
      expect(afterRefund.profile.computed.commerce).toEqual({
        lifetimeRevenue: 139.12,
        refundedRevenue: 27.5,
        netRevenue: 111.62,
        orderCount: 1,
        currency: 'GBP',
        lastOrder: { orderId: '536365', revenue: 139.12, at: '2025-01-01T10:00:00.000Z' },
      });
      expect(afterRefund.profile.countedOrderKeys).toEqual(['refund|C536379|27.5', 'order|536365']);
    });

    it('does not count a replayed order again, nor report a commerce change', () => {
      const properties = { order_id: 'o1', revenue: 10 };
      const once = applyAll(newProfile(), [orderEvent('Order Completed', properties)]);

      const replay = applyCall(once, orderEvent('Order Completed', properties), [], NOW);

      expect(replay.profile.computed.commerce.orderCount).toBe(1);
      expect(replay.profile.computed.commerce.lifetimeRevenue).toBe(10);
      expect(replay.changes.map((change) => change.path)).not.toContain('computed.commerce');
      // The call itself is still one more call of its name.
      expect(replay.profile.computed.eventCounts).toEqual([{ name: 'Order Completed', count: 2 }]);
    });
  });

  describe('consent and subscriptions', () => {
    const consentContext = (preferences: Record<string, boolean>) => ({
      context: { consent: { categoryPreferences: preferences } },
    });

    it('keeps the newest consent per category with its time and source, from any call', () => {
      const first = withCall(
        pageEvent('Home', { userId: 'u1', timestamp: '2025-01-02T00:00:00.000Z' }),
        consentContext({ Advertising: true, Analytics: true }),
      );
      const late = withCall(
        trackEvent('Viewed', { userId: 'u1', timestamp: '2025-01-01T00:00:00.000Z' }),
        consentContext({ Advertising: false, Functional: true }),
      );

      const profile = applyAll(newProfile(), [first, late]);

      expect(profile.consent).toEqual([
        {
          category: 'Advertising',
          granted: true,
          at: '2025-01-02T00:00:00.000Z',
          sourceId: 'source-1',
        },
        {
          category: 'Analytics',
          granted: true,
          at: '2025-01-02T00:00:00.000Z',
          sourceId: 'source-1',
        },
        {
          category: 'Functional',
          granted: true,
          at: '2025-01-01T00:00:00.000Z',
          sourceId: 'source-1',
        },
      ]);
    });

    it('reports consent only when it changed', () => {
      const event = withCall(trackEvent('a', { userId: 'u1' }), consentContext({ Ads: true }));
      const profile = applyAll(newProfile(), [event]);

      expect(changedPaths(newProfile(), event)).toContain('consent');
      const again = withCall(trackEvent('b', { userId: 'u1' }), consentContext({ Ads: true }));
      expect(changedPaths(profile, again)).not.toContain('consent');
      expect(changedPaths(profile, trackEvent('c', { userId: 'u1' }))).not.toContain('consent');
    });

    it('keeps the subscription per channel an identify states, newest first', () => {
      const subscribe = identifyEvent(
        { email_subscribe: 'opted_in', push_subscribe: 'subscribed' },
        { userId: 'u1', timestamp: '2025-01-01T00:00:00.000Z' },
      );
      const unsubscribe = identifyEvent(
        { unsubscribed: true },
        { userId: 'u1', timestamp: '2025-01-03T00:00:00.000Z' },
      );
      const stale = identifyEvent(
        { email_subscribe: 'subscribed' },
        { userId: 'u1', timestamp: '2025-01-02T00:00:00.000Z' },
      );

      const profile = applyAll(newProfile(), [subscribe, unsubscribe, stale]);

      expect(profile.subscriptions).toEqual([
        {
          channel: 'email',
          state: 'unsubscribed',
          at: '2025-01-03T00:00:00.000Z',
          source: 'source-1',
        },
        {
          channel: 'push',
          state: 'subscribed',
          at: '2025-01-01T00:00:00.000Z',
          source: 'source-1',
        },
      ]);
      // The traits are kept as sent as well.
      expect(profile.traits).toMatchObject({ email_subscribe: 'subscribed', unsubscribed: true });
    });

    it('reads no subscription from a track call', () => {
      const event = withCall(trackEvent('a', { userId: 'u1' }), {
        properties: { email_subscribe: 'unsubscribed' },
      });
      expect(applyAll(newProfile(), [event]).subscriptions).toEqual([]);
    });
  });

  it('reads a profile stored before the new fields with empty defaults', () => {
    // A record as identity stored it before commerce, consent, subscriptions and scores.
    const before = {
      profileId: 'p-old',
      workspaceId: 'ws-1',
      partition: 0,
      identifiers: [],
      traits: {},
      computed: {
        eventCounts: [],
        firstSeenAt: null,
        lastSeenAt: null,
        engagement: [{ channel: 'email', sent: 1, delivered: 0, opened: 0, clicked: 0, failed: 0 }],
      },
      timeline: [],
      messages: [],
      appliedEventIds: [],
      lastChange: null,
      revision: 1,
      createdAt: NOW,
      updatedAt: NOW,
    };

    const profile = Profile.parse(before);

    expect(profile.computed.commerce).toMatchObject({ lifetimeRevenue: 0, orderCount: 0 });
    expect(profile.computed.engagement[0]).toMatchObject({ requested: 0, skipped: 0, sent: 1 });
    expect([profile.consent, profile.subscriptions, profile.scores, profile.segments]).toEqual([
      [],
      [],
      [],
      [],
    ]);
    expect(profile.countedOrderKeys).toEqual([]);
  });
});

import { identifyEvent, pageEvent, trackEvent } from '../test-support/events';
import { applyCall, hasApplied } from './apply-call';
import { InvalidTraitsError } from './errors';
import { identifiersOfCall } from './identifiers';
import { emptyProfile, PROFILE_LIMITS, type Profile } from './profile.model';

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
});

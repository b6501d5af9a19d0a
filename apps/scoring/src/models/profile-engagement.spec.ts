import { newModelProfile, type ModelProfileDocument } from './model-profile';
import { withMessageEngagement, type MessageEngagement } from './profile-engagement';

// Tuesday 2026-03-03 18:20 UTC: slot 24 + 18 = 42.
const TUESDAY_18H = Date.parse('2026-03-03T18:20:00.000Z');
const empty = newModelProfile({ workspaceId: 'ws', profileId: 'p-1', partition: 0 });

const event = (
  eventId: string,
  kind: MessageEngagement['kind'],
  messageId = 'm-1',
  channel = 'email',
): MessageEngagement => ({ eventId, messageId, channel, kind, at: TUESDAY_18H });

function applyAll(events: readonly MessageEngagement[], start = empty): ModelProfileDocument {
  let profile = start;
  for (const next of events) profile = withMessageEngagement(profile, next)?.profile ?? profile;
  return profile;
}

describe('withMessageEngagement', () => {
  it('counts a delivery as received and a first open as engaged at its hour of the week', () => {
    const delivered = withMessageEngagement(empty, event('d-1', 'received'));
    expect(delivered?.increment).toEqual({ channel: 'email', received: 1, engaged: 0, slot: null });
    const opened = withMessageEngagement(delivered?.profile ?? empty, event('o-1', 'opened'));
    expect(opened?.increment).toEqual({ channel: 'email', received: 0, engaged: 1, slot: 42 });
    expect(opened?.profile.channels).toEqual([{ channel: 'email', received: 1, engaged: 1 }]);
    expect(opened?.profile.slots).toEqual([{ slot: 42, count: 1 }]);
    expect(opened?.profile.emailOpens.value).toBe(1);
  });

  it('counts a message once as engaged however often it is opened and clicked', () => {
    const profile = applyAll([
      event('d-1', 'received'),
      event('o-1', 'opened'),
      event('o-2', 'opened'),
      event('c-1', 'clicked'),
    ]);
    expect(profile.channels).toEqual([{ channel: 'email', received: 1, engaged: 1 }]);
    // The first open and the first click are both engagements in time.
    expect(profile.slots).toEqual([{ slot: 42, count: 2 }]);
  });

  it('counts the delivery of a message opened before its delivery arrived, once', () => {
    const profile = applyAll([event('o-1', 'opened'), event('d-1', 'received')]);
    expect(profile.channels).toEqual([{ channel: 'email', received: 1, engaged: 1 }]);
  });

  it('changes nothing on a redelivered event', () => {
    const once = applyAll([event('d-1', 'received')]);
    expect(withMessageEngagement(once, event('d-1', 'received'))).toBeNull();
  });

  it('keeps push engagement out of the email features', () => {
    const profile = applyAll([event('c-1', 'clicked', 'm-2', 'push')]);
    expect(profile.emailClicks.value).toBe(0);
    expect(profile.channels).toEqual([{ channel: 'push', received: 1, engaged: 1 }]);
  });
});

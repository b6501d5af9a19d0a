import { trackEvent } from './test-support/events';
import { readProfileEvent, utcOffsetMinutes } from './profile-events';

const base = {
  id: 'e-1',
  workspaceId: 'ws',
  profileId: 'p-1',
  partition: 0,
  at: '2026-01-15T12:00:00.000Z',
};

describe('readProfileEvent', () => {
  it('reads the name, revenue, listed string traits and time zone of a track call', () => {
    const facts = readProfileEvent(
      trackEvent({
        ...base,
        event: 'Order Completed',
        properties: { revenue: '49.90' },
        traits: { plan: 'pro', country: 42, email: 'a@example.com' },
        timezone: 'Asia/Kolkata',
      }),
      ['plan', 'country'],
    );
    expect(facts).toEqual({
      id: 'e-1',
      at: Date.parse(base.at),
      name: 'Order Completed',
      revenue: 49.9,
      attributes: [{ name: 'plan', value: 'pro' }],
      utcOffsetMinutes: 330,
    });
  });

  it('counts a negative or malformed revenue as none', () => {
    for (const revenue of [-5, 'lots', null]) {
      const facts = readProfileEvent(
        trackEvent({ ...base, event: 'Order Completed', properties: { revenue } }),
        [],
      );
      expect(facts.revenue).toBe(0);
    }
  });
});

describe('utcOffsetMinutes', () => {
  it('follows daylight saving time', () => {
    expect(utcOffsetMinutes('America/New_York', Date.parse('2026-01-15T12:00:00Z'))).toBe(-300);
    expect(utcOffsetMinutes('America/New_York', Date.parse('2026-07-15T12:00:00Z'))).toBe(-240);
    expect(utcOffsetMinutes('UTC', Date.parse('2026-07-15T12:00:00Z'))).toBe(0);
  });

  it('knows nothing of a zone the runtime does not know', () => {
    expect(utcOffsetMinutes('Mars/Olympus_Mons', 0)).toBeNull();
  });
});

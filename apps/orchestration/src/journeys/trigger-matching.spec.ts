import { SegmentCall } from '@meridian/contracts';
import type { Journey } from './journey-definition';
import { describeTrigger, journeysTriggeredBy, triggerMatches } from './trigger-matching';

const base = {
  messageId: 'm-1',
  userId: 'u-1',
  timestamp: '2026-11-23T10:00:00.000Z',
  receivedAt: '2026-11-23T10:00:00.000Z',
};
const track = (event: string) => SegmentCall.parse({ ...base, type: 'track', event });
const identify = SegmentCall.parse({ ...base, type: 'identify', traits: { email: 'a@b.co' } });
const page = SegmentCall.parse({ ...base, type: 'page', name: 'Home' });

const journey = (id: string, trigger: Journey['trigger']): Journey => ({
  id,
  name: id,
  trigger,
  entry: 'once',
  steps: [{ id: 's', type: 'send', channel: 'email', templateId: 't' }],
});

describe('triggerMatches', () => {
  it('matches a track trigger only on a track call with exactly that event name', () => {
    const trigger = { type: 'track', event: 'Signed Up' } as const;
    expect(triggerMatches(trigger, track('Signed Up'))).toBe(true);
    expect(triggerMatches(trigger, track('signed up'))).toBe(false);
    expect(triggerMatches(trigger, track('Order Completed'))).toBe(false);
    expect(triggerMatches(trigger, identify)).toBe(false);
  });

  it('matches an identify trigger on any identify call and nothing else', () => {
    const trigger = { type: 'identify' } as const;
    expect(triggerMatches(trigger, identify)).toBe(true);
    expect(triggerMatches(trigger, track('Signed Up'))).toBe(false);
    expect(triggerMatches(trigger, page)).toBe(false);
  });
});

describe('journeysTriggeredBy', () => {
  it('returns every journey the call triggers, in definition order', () => {
    const journeys = [
      journey('on-identify', { type: 'identify' }),
      journey('welcome', { type: 'track', event: 'Signed Up' }),
      journey('welcome-2', { type: 'track', event: 'Signed Up' }),
    ];
    expect(journeysTriggeredBy(journeys, track('Signed Up')).map((j) => j.id)).toEqual([
      'welcome',
      'welcome-2',
    ]);
    expect(journeysTriggeredBy(journeys, page)).toEqual([]);
  });
});

describe('describeTrigger', () => {
  it('labels triggers for decisions', () => {
    expect(describeTrigger({ type: 'track', event: 'Signed Up' })).toBe('track:Signed Up');
    expect(describeTrigger({ type: 'identify' })).toBe('identify');
  });
});

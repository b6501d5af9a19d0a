import { applyEngagement, emptyCustomerFacts, type EngagementEvent } from './customer-facts';
import { DAY_MS } from './instant';
import { engagementOf, ratesOf } from './engagement';
import { RfmSettings } from './rfm-settings';
import { ms } from './spec-helpers';

const AS_OF = ms('2024-06-12T12:00:00Z');
const daysAgo = (days: number) => AS_OF - days * DAY_MS;

const factsOf = (events: readonly EngagementEvent[]) =>
  events.reduce((facts, event) => applyEngagement(facts, event), emptyCustomerFacts());

describe('engagementOf', () => {
  const facts = factsOf([
    { channel: 'email', kind: 'received', at: daysAgo(200) },
    { channel: 'email', kind: 'opened', at: daysAgo(199) },
    { channel: 'email', kind: 'received', at: daysAgo(20) },
    { channel: 'email', kind: 'received', at: daysAgo(10) },
    { channel: 'email', kind: 'received', at: daysAgo(5) },
    { channel: 'email', kind: 'received', at: daysAgo(4) },
    { channel: 'email', kind: 'opened', at: daysAgo(10) + 1000 },
    { channel: 'email', kind: 'clicked', at: daysAgo(10) + 2000 },
    { channel: 'email', kind: 'opened', at: daysAgo(3) + 0.5 * DAY_MS },
    { channel: 'sms', kind: 'received', at: daysAgo(2) },
    { channel: 'push', kind: 'clicked', at: daysAgo(40) },
  ]);

  it('gives per channel the recency of the last open or click, and the current window', () => {
    expect(engagementOf(facts, AS_OF)).toEqual([
      {
        channel: 'email',
        recencyDays: 2,
        frequency: 3,
        received: 4,
        opened: 2,
        clicked: 1,
        openRate: 0.5,
        clickRate: 0.25,
      },
      {
        channel: 'push',
        recencyDays: 40,
        frequency: 1,
        received: 0,
        opened: 0,
        clicked: 1,
        openRate: null,
        clickRate: null,
      },
      {
        channel: 'sms',
        recencyDays: null,
        frequency: 0,
        received: 1,
        opened: 0,
        clicked: 0,
        openRate: 0,
        clickRate: 0,
      },
    ]);
  });

  it('follows the trend window of the workspace settings', () => {
    const fortnight = RfmSettings.parse({ trendWindowDays: 14 });
    // Two weeks: Monday 2024-06-03 to asOf; the messages of 2024-06-02 fall out.
    const [email] = engagementOf(facts, AS_OF, fortnight);
    expect(email).toMatchObject({ received: 2, opened: 1, clicked: 0, frequency: 1 });
  });

  it('counts a click as an open and caps rates at 1', () => {
    expect(ratesOf({ received: 4, opened: 1, clicked: 3 })).toEqual({
      openRate: 0.75,
      clickRate: 0.75,
    });
    expect(ratesOf({ received: 2, opened: 5, clicked: 3 })).toEqual({ openRate: 1, clickRate: 1 });
    expect(ratesOf({ received: 0, opened: 1, clicked: 0 })).toEqual({
      openRate: null,
      clickRate: null,
    });
  });
});

import { SegmentCall } from '@meridian/contracts';
import {
  consentCategoriesOf,
  consentKey,
  newestPerKey,
  sameConsent,
  subscriptionsOfTraits,
  type ConsentState,
} from './consent-state';

function callWithContext(context: Record<string, unknown>): SegmentCall {
  return SegmentCall.parse({
    type: 'track',
    messageId: 'm1',
    userId: 'u1',
    event: 'Viewed',
    context,
    timestamp: '2025-01-01T00:00:00.000Z',
    receivedAt: '2025-01-01T00:00:00.000Z',
  });
}

describe('consentCategoriesOf', () => {
  it("reads Segment's categories with the dots ingestion escaped in their names restored", () => {
    const call = callWithContext({
      consent: { categoryPreferences: { Advertising: true, 'ads%2Epersonalised': false } },
    });

    expect(consentCategoriesOf(call)).toEqual([
      { category: 'Advertising', granted: true },
      { category: 'ads.personalised', granted: false },
    ]);
  });

  it("reads RudderStack's allowed and denied consent ids as they are", () => {
    const call = callWithContext({
      consentManagement: { allowedConsentIds: ['C0001'], deniedConsentIds: ['C%2E2'] },
    });

    expect(consentCategoriesOf(call)).toEqual([
      { category: 'C0001', granted: true },
      { category: 'C%2E2', granted: false },
    ]);
  });

  it('finds none on a call without consent, or with consent ingestion would have refused', () => {
    expect(consentCategoriesOf(callWithContext({}))).toEqual([]);
    expect(consentCategoriesOf(callWithContext({ consent: { categoryPreferences: 1 } }))).toEqual(
      [],
    );
  });
});

describe('subscriptionsOfTraits', () => {
  it("reads Braze's email_subscribe / push_subscribe values and sms_subscribe", () => {
    expect(
      subscriptionsOfTraits({
        email_subscribe: 'opted_in',
        push_subscribe: 'Unsubscribed',
        sms_subscribe: 'subscribed',
        name: 'Ann',
      }),
    ).toEqual([
      { channel: 'email', state: 'subscribed' },
      { channel: 'sms', state: 'subscribed' },
      { channel: 'push', state: 'unsubscribed' },
    ]);
  });

  it('reads booleans, and leaves null or unreadable values unknown', () => {
    expect(
      subscriptionsOfTraits({
        email_subscribe: false,
        push_subscribe: null,
        sms_subscribe: 'maybe',
      }),
    ).toEqual([
      { channel: 'email', state: 'unsubscribed' },
      { channel: 'sms', state: 'unknown' },
      { channel: 'push', state: 'unknown' },
    ]);
  });

  it('reads the unsubscribed boolean for email unless email_subscribe says otherwise', () => {
    expect(subscriptionsOfTraits({ unsubscribed: true })).toEqual([
      { channel: 'email', state: 'unsubscribed' },
    ]);
    expect(subscriptionsOfTraits({ unsubscribed: false })).toEqual([
      { channel: 'email', state: 'subscribed' },
    ]);
    expect(subscriptionsOfTraits({ unsubscribed: true, email_subscribe: 'subscribed' })).toEqual([
      { channel: 'email', state: 'subscribed' },
    ]);
    expect(subscriptionsOfTraits({ unsubscribed: 'yes' })).toEqual([]);
  });
});

describe('newestPerKey', () => {
  const ads = (granted: boolean, at: string): ConsentState => ({
    category: 'Ads',
    granted,
    at,
    sourceId: 'web',
  });
  const lay = (held: ConsentState[], incoming: ConsentState[]) =>
    newestPerKey(held, incoming, consentKey, sameConsent);

  it('replaces an older entry and appends a new key', () => {
    const held = [ads(true, '2025-01-01T00:00:00.000Z')];
    const analytics = { ...ads(true, '2025-01-01T00:00:00.000Z'), category: 'Analytics' };

    expect(lay(held, [ads(false, '2025-01-02T00:00:00.000Z'), analytics])).toEqual([
      ads(false, '2025-01-02T00:00:00.000Z'),
      analytics,
    ]);
  });

  it('never lets an older entry overwrite a newer one, and lets a same-time one win', () => {
    const held = [ads(false, '2025-01-02T00:00:00.000Z')];

    expect(lay(held, [ads(true, '2025-01-01T00:00:00.000Z')])).toBe(held);
    expect(lay(held, [ads(true, '2025-01-02T00:00:00.000Z')])).toEqual([
      ads(true, '2025-01-02T00:00:00.000Z'),
    ]);
  });

  it('returns the held list itself when the incoming entries say what it holds', () => {
    const held = [ads(true, '2025-01-01T00:00:00.000Z')];
    expect(lay(held, [ads(true, '2025-01-01T00:00:00.000Z')])).toBe(held);
    expect(lay(held, [])).toBe(held);
  });
});

import { emptyProfile, toGoldenRecord } from '../profiles';
import { profileMessageOf } from './profile-messages';
import { profileMethod } from './profile-proto';

/** A reply through the wire and back, as a client decodes it. */
function overTheWire(reply: unknown): unknown {
  const { responseSerialize, responseDeserialize } = profileMethod('GetProfile');
  return responseDeserialize(responseSerialize(reply));
}

const NOW = '2025-02-01T00:00:00.000Z';

describe('a golden record as a Profile message', () => {
  it('carries traits and computed traits as Structs, consent, subscriptions, scores and segments as lists, and nulls as unset strings', () => {
    const record = toGoldenRecord({
      ...emptyProfile({ profileId: 'p1', workspaceId: 'ws', partition: 3, now: NOW }),
      identifiers: [{ type: 'userId', value: 'u1' }],
      traits: {
        plan: 'pro',
        seats: 3,
        beta: true,
        nickname: null,
        tags: ['a', 1],
        address: { city: 'Oslo' },
      },
      timeline: [{ id: 'e1', type: 'identify', event: null, timestamp: NOW }],
      messages: [
        {
          messageId: 'm1',
          channel: 'email',
          templateId: 't',
          journeyId: null,
          status: 'sent',
          at: NOW,
          detail: 'smtp',
        },
      ],
      consent: [{ category: 'Ads.Web', granted: false, at: NOW, sourceId: 'web' }],
      subscriptions: [{ channel: 'email', state: 'unsubscribed', at: NOW, source: 'web' }],
      scores: [{ name: 'churn', value: 0.25, at: NOW }],
      rfm: {
        recencyDays: 0,
        frequency: 4,
        monetary: 310.5,
        r: 5,
        f: 4,
        m: 3,
        segment: 'loyal',
        trend: 'steady',
        at: NOW,
      },
      segments: [{ name: 'vip', enteredAt: NOW }],
      revision: 7,
    });

    expect(overTheWire(profileMessageOf(record))).toEqual({
      profileId: 'p1',
      workspaceId: 'ws',
      partition: 3,
      identifiers: [{ type: 'userId', value: 'u1' }],
      traits: {
        fields: {
          plan: { stringValue: 'pro', kind: 'stringValue' },
          seats: { numberValue: 3, kind: 'numberValue' },
          beta: { boolValue: true, kind: 'boolValue' },
          nickname: { nullValue: 0, kind: 'nullValue' },
          tags: {
            listValue: {
              values: [
                { stringValue: 'a', kind: 'stringValue' },
                { numberValue: 1, kind: 'numberValue' },
              ],
            },
            kind: 'listValue',
          },
          address: {
            structValue: { fields: { city: { stringValue: 'Oslo', kind: 'stringValue' } } },
            kind: 'structValue',
          },
        },
      },
      computed: {
        fields: {
          eventCounts: { listValue: {}, kind: 'listValue' },
          firstSeenAt: { nullValue: 0, kind: 'nullValue' },
          lastSeenAt: { nullValue: 0, kind: 'nullValue' },
          engagement: { listValue: {}, kind: 'listValue' },
          commerce: {
            structValue: {
              fields: {
                lifetimeRevenue: { numberValue: 0, kind: 'numberValue' },
                refundedRevenue: { numberValue: 0, kind: 'numberValue' },
                netRevenue: { numberValue: 0, kind: 'numberValue' },
                orderCount: { numberValue: 0, kind: 'numberValue' },
                currency: { nullValue: 0, kind: 'nullValue' },
                lastOrder: { nullValue: 0, kind: 'nullValue' },
              },
            },
            kind: 'structValue',
          },
        },
      },
      timeline: [{ id: 'e1', type: 'identify', timestamp: NOW }],
      messages: [
        {
          messageId: 'm1',
          channel: 'email',
          templateId: 't',
          status: 'sent',
          at: NOW,
          detail: 'smtp',
        },
      ],
      consent: [{ category: 'Ads.Web', granted: false, at: NOW, sourceId: 'web' }],
      subscriptions: [{ channel: 'email', state: 'unsubscribed', at: NOW, source: 'web' }],
      scores: [{ name: 'churn', value: 0.25, at: NOW }],
      segments: [{ name: 'vip', enteredAt: NOW }],
      rfm: {
        recencyDays: 0,
        frequency: 4,
        monetary: 310.5,
        r: 5,
        f: 4,
        m: 3,
        segment: 'loyal',
        trend: 'steady',
        at: NOW,
      },
      revision: '7',
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it('leaves the RFM out until scoring computed one, and its nulls out without an order', () => {
    const profile = emptyProfile({ profileId: 'p1', workspaceId: 'ws', partition: 0, now: NOW });
    const unscored = overTheWire(profileMessageOf(toGoldenRecord(profile)));
    const noOrder = overTheWire(
      profileMessageOf(
        toGoldenRecord({
          ...profile,
          rfm: {
            recencyDays: null,
            frequency: 0,
            monetary: 0,
            r: null,
            f: null,
            m: null,
            segment: null,
            trend: null,
            at: NOW,
          },
        }),
      ),
    );

    expect(unscored).not.toHaveProperty('rfm');
    expect(noOrder).toHaveProperty('rfm', { frequency: 0, monetary: 0, at: NOW });
  });
});

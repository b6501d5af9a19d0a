import { SegmentTrack } from '@meridian/contracts';
import { compileTrackingPlan } from '../tracking-plan/compile-tracking-plan';
import { governCall, type GovernanceSettings } from './govern-call';

const base = {
  messageId: 'm-1',
  userId: 'u-1',
  timestamp: '2026-03-01T12:00:00Z',
  receivedAt: '2026-03-01T12:00:01.000Z',
};

const consented = { consent: { categoryPreferences: { Analytics: true } } };

const plan = compileTrackingPlan({
  mode: 'omit',
  events: {
    'Order Completed': {
      type: 'object',
      properties: { total: { type: 'number' }, 'order.id': { type: 'string' } },
      required: ['total'],
    },
  },
});

const settings: GovernanceSettings = { missingConsentPolicy: 'refuse', trackingPlan: plan };

function track(properties: Record<string, unknown>, context: Record<string, unknown> = consented) {
  return { ...base, type: 'track', event: 'Order Completed', properties, context };
}

describe('governCall', () => {
  it('accepts a clean, consented, planned call with keys escaped and unplanned properties omitted', () => {
    const result = governCall(track({ total: 10, 'order.id': ' o-1 ', coupon: 'X' }), settings);
    expect(result).toEqual({
      outcome: 'accepted',
      call: expect.objectContaining({
        timestamp: '2026-03-01T12:00:00.000Z',
        properties: { total: 10, 'order%2Eid': 'o-1' },
      }),
      consent: { source: 'segment', categories: [{ category: 'Analytics', granted: true }] },
      violations: [
        expect.objectContaining({ rule: 'unplanned_property', path: ['properties', 'coupon'] }),
      ],
    });
  });

  it('refuses at hygiene before looking at consent', () => {
    const result = governCall(track({ total: NaN }, {}), settings);
    expect(result).toEqual({
      outcome: 'refused',
      refusal: expect.objectContaining({
        code: 'NON_FINITE_NUMBER',
        path: ['properties', 'total'],
      }),
    });
  });

  it('refuses a call without consent when the workspace requires it, before the plan', () => {
    const result = governCall(track({ total: 'not a number' }, {}), settings);
    expect(result).toMatchObject({ outcome: 'refused', refusal: { code: 'CONSENT_REQUIRED' } });
  });

  it('reads consent categories with dots as sent, although context keys are escaped', () => {
    const context = { consent: { categoryPreferences: { 'ads.personalised': false } } };
    const result = governCall(track({ total: 1 }, context), settings);
    if (result.outcome !== 'accepted') throw new Error(`expected accepted, got ${result.outcome}`);
    expect(result.consent?.categories).toEqual([{ category: 'ads.personalised', granted: false }]);
    expect(result.call.context).toEqual({
      consent: { categoryPreferences: { 'ads%2Epersonalised': false } },
    });
  });

  it('quarantines a call that breaks the tracking plan, keys escaped and with its consent', () => {
    const result = governCall(track({ total: '10', 'order.id': 'o-1' }), settings);
    expect(result).toEqual({
      outcome: 'quarantined',
      call: expect.objectContaining({ properties: { total: '10', 'order%2Eid': 'o-1' } }),
      consent: expect.objectContaining({ source: 'segment' }),
      violations: [{ rule: 'schema', path: ['properties', 'total'], message: 'must be number' }],
    });
  });

  it('accepts every clean call when the workspace has no tracking plan', () => {
    const result = governCall(track({ anything: [1] }), { missingConsentPolicy: 'accept' });
    expect(result).toMatchObject({ outcome: 'accepted', violations: [] });
  });

  it('records a call without consent as unconsented when the workspace says so', () => {
    const result = governCall(track({ total: 1 }, {}), {
      missingConsentPolicy: 'accept-unconsented',
      trackingPlan: plan,
    });
    expect(result).toMatchObject({
      outcome: 'accepted',
      consent: { source: 'default', categories: [] },
    });
  });

  it('uses the default phone region for national numbers', () => {
    const identify = { ...base, type: 'identify', traits: { phone: '020 7946 0958' }, context: {} };
    const result = governCall(identify, {
      missingConsentPolicy: 'accept',
      defaultPhoneRegion: 'GB',
    });
    expect(result).toMatchObject({
      outcome: 'accepted',
      call: { traits: { phone: '+442079460958' } },
    });
  });

  it('returns a call that still satisfies its contract', () => {
    const call = SegmentTrack.parse(track({ total: 1, 'order.id': 'o-1' }));
    const result = governCall(call, settings);
    if (result.outcome !== 'accepted') throw new Error(`expected accepted, got ${result.outcome}`);
    const governed: SegmentTrack = result.call;
    expect(SegmentTrack.parse(governed)).toEqual(governed);
  });
});

import { DEFAULT_RFM_SETTINGS, RfmSettings, trendWindowWeeks } from './rfm-settings';
import { mongoSafetyProblems } from './spec-helpers';

describe('RfmSettings', () => {
  it('gives the documented defaults for an empty object', () => {
    expect(RfmSettings.parse({})).toEqual({
      trendWindowDays: 90,
      hyperactives: { minReceived: 3, minOpenRate: 0.9, minClickRate: 0.9, minOrders: 2 },
      zombies: { minPastEngagements: 3, dormantDays: 182 },
      fadingStars: { minMonetaryScore: 4, minPreviousOrders: 2 },
      trend: { threshold: 0.25, minActivity: 2 },
    });
    expect(mongoSafetyProblems(DEFAULT_RFM_SETTINGS)).toEqual([]);
  });

  it('keeps the defaults of the fields a workspace does not set', () => {
    const settings = RfmSettings.parse({ zombies: { dormantDays: 365 } });
    expect(settings.zombies).toEqual({ minPastEngagements: 3, dormantDays: 365 });
    expect(settings.trend).toEqual(DEFAULT_RFM_SETTINGS.trend);
  });

  it('rounds the window up to whole weeks', () => {
    expect(trendWindowWeeks(DEFAULT_RFM_SETTINGS)).toBe(13);
    expect(trendWindowWeeks({ trendWindowDays: 14 })).toBe(2);
    expect(trendWindowWeeks({ trendWindowDays: 15 })).toBe(3);
  });

  it('rejects out-of-range thresholds, naming the field', () => {
    expect(() => RfmSettings.parse({ hyperactives: { minOpenRate: 1.5 } })).toThrow(/minOpenRate/);
    expect(() => RfmSettings.parse({ trendWindowDays: 3 })).toThrow(/trendWindowDays/);
    expect(() => RfmSettings.parse({ trend: { threshold: 0 } })).toThrow(/threshold/);
  });
});

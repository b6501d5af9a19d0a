import { profileFeatures, ProfileSummary } from './profile-features';

describe('profileFeatures', () => {
  const summary = {
    recencyDays: 9,
    frequency: 3,
    monetary: 299,
    daysSinceFirstSeen: 400,
    eventCounts: { 'Product Viewed': 12, 'Product Added': 0 },
    emailOpens: 4,
    emailClicks: 1,
    attributes: { country: 'UK', plan: 'pro' },
  };

  it('scales counts, money and days by log1p', () => {
    const features = profileFeatures(summary);
    expect(features['recency']).toBeCloseTo(Math.log(10), 12);
    expect(features['frequency']).toBeCloseTo(Math.log(4), 12);
    expect(features['monetary']).toBeCloseTo(Math.log(300), 12);
    expect(features['averageOrderValue']).toBeCloseTo(Math.log(100.666666), 5);
    expect(features['tenure']).toBeCloseTo(Math.log(401), 12);
    expect(features['event:Product Viewed']).toBeCloseTo(Math.log(13), 12);
    expect(features['event:Product Added']).toBe(0);
    expect(features['emailOpens']).toBeCloseTo(Math.log(5), 12);
    expect(features['emailClicks']).toBeCloseTo(Math.log(2), 12);
  });

  it('adds bucket indicators for recency and frequency and one indicator per attribute', () => {
    const features = profileFeatures(summary);
    expect(features).toMatchObject({
      'recencyBucket=7-14': 1,
      'frequencyBucket=3-4': 1,
      'country=UK': 1,
      'plan=pro': 1,
    });
    expect(Object.keys(features).filter((name) => name.startsWith('recencyBucket='))).toHaveLength(
      1,
    );
  });

  it('puts bucket boundaries in the upper bucket', () => {
    expect(profileFeatures({ ...summary, recencyDays: 7 })['recencyBucket=7-14']).toBe(1);
    expect(profileFeatures({ ...summary, recencyDays: 6.99 })['recencyBucket=3-7']).toBe(1);
    expect(profileFeatures({ ...summary, recencyDays: 500 })['recencyBucket=180+']).toBe(1);
    expect(profileFeatures({ ...summary, frequency: 10 })['frequencyBucket=10+']).toBe(1);
  });

  it('marks a profile that never converted instead of inventing a recency', () => {
    const features = profileFeatures({
      recencyDays: null,
      frequency: 0,
      monetary: 0,
      daysSinceFirstSeen: 2,
    });
    expect(features['recencyBucket=never']).toBe(1);
    expect(features['frequencyBucket=0']).toBe(1);
    expect(features).not.toHaveProperty('recency');
    expect(features).not.toHaveProperty('averageOrderValue');
  });

  it('names the field of a bad summary', () => {
    expect(() => profileFeatures({ ...summary, monetary: -5 })).toThrow(
      'monetary must be a finite number ≥ 0, got -5',
    );
    expect(() =>
      profileFeatures({ ...summary, eventCounts: { 'Product Viewed': Number.NaN } }),
    ).toThrow('eventCounts.Product Viewed must be');
    expect(() => profileFeatures({ ...summary, recencyDays: Infinity })).toThrow(/recencyDays/);
  });

  it('accepts what ProfileSummary accepts and nothing it rejects (on a fixture)', () => {
    const fixtures: unknown[] = [
      summary,
      { ...summary, frequency: -1 },
      { ...summary, recencyDays: null },
    ];
    for (const fixture of fixtures) {
      const check = () => profileFeatures(fixture as ProfileSummary);
      if (ProfileSummary.safeParse(fixture).success) expect(check).not.toThrow();
      else expect(check).toThrow(RangeError);
    }
  });
});

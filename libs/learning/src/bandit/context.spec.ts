import { createContextEncoder, DEFAULT_PROFILE_CONTEXT } from './context';

describe('createContextEncoder', () => {
  const encoder = createContextEncoder({
    features: [
      { kind: 'numeric', name: 'orders', log: true, center: Math.log1p(3), scale: 1 },
      { kind: 'numeric', name: 'score', center: 0.5, scale: 0.1, clip: 2 },
      { kind: 'flag', name: 'optIn' },
      { kind: 'category', name: 'platform', values: ['ios', 'web'] },
    ],
  });

  it('puts the intercept first and labels every coordinate', () => {
    expect(encoder.dimension).toBe(6);
    expect(encoder.coordinates).toEqual([
      'intercept',
      'orders',
      'score',
      'optIn',
      'platform=ios',
      'platform=web',
    ]);
  });

  it('standardises numbers, clips outliers and one-hot encodes categories', () => {
    const x = encoder.encode({ orders: 3, score: 0.9, optIn: true, platform: 'web' });
    expect(Array.from(x)).toEqual([1, 0, 2, 1, 0, 1]);
  });

  it('encodes missing values as the center and unknown categories as zeros', () => {
    const x = encoder.encode({ platform: 'android', optIn: 0 });
    expect(Array.from(x)).toEqual([1, 0, 0, 0, 0, 0]);
  });

  it('writes into a given buffer', () => {
    const out = new Float64Array(6);
    expect(encoder.encode({ score: 0.6 }, out)).toBe(out);
    expect(out[2]).toBeCloseTo(1, 12);
    expect(() => encoder.encode({}, new Float64Array(3))).toThrow(/length 6/);
  });

  it('rejects a numeric feature that is not a finite number', () => {
    expect(() => encoder.encode({ orders: 'many' })).toThrow(/orders/);
  });

  it('builds 11 coordinates from the default profile features', () => {
    const defaults = createContextEncoder(DEFAULT_PROFILE_CONTEXT);
    expect(defaults.dimension).toBe(11);
    expect(defaults.encode({ recencyDays: 3, platform: 'ios' })[8]).toBe(1);
  });
});

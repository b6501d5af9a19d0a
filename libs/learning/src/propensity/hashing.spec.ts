import { featureSlot, hashFeatureName } from './hashing';

describe('feature hashing', () => {
  it('hashes a name to the same value on every call (pinned values)', () => {
    // Pinned so that a change to the hash, which would scramble every saved model, fails here.
    expect([
      hashFeatureName(''),
      hashFeatureName('recency'),
      hashFeatureName('country=UK'),
    ]).toEqual([2872998923, 2721981458, 551294628]);
  });

  it('gives different slots for different seeds', () => {
    const names = Array.from({ length: 50 }, (_, index) => `event:${index}`);
    const unseeded = names.map((name) => featureSlot(name, 16));
    const seeded = names.map((name) => featureSlot(name, 16, 7));
    expect(seeded).not.toEqual(unseeded);
  });

  it('spreads names evenly over the slots', () => {
    const bits = 6;
    const counts = new Array<number>(1 << bits).fill(0);
    for (let index = 0; index < 64_000; index++) {
      const slot = featureSlot(`profile-${index}`, bits);
      counts[slot] = (counts[slot] ?? 0) + 1;
    }
    // 1,000 expected per slot; a Poisson count strays by more than 150 very rarely.
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('distinguishes names that differ only in a non-ASCII character', () => {
    expect(hashFeatureName('city=Zürich')).not.toBe(hashFeatureName('city=Zurich'));
  });

  it('rejects a bit count outside [1, 30]', () => {
    expect(() => featureSlot('x', 0)).toThrow(RangeError);
    expect(() => featureSlot('x', 31)).toThrow(/bits/);
  });
});

import { ExpiringLru } from './expiring-lru';

function lru(maxEntries: number, maxAgeMs = 1_000) {
  let now = 0;
  const cache = new ExpiringLru<string>({ maxEntries, maxAgeMs, clock: () => now });
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('ExpiringLru', () => {
  it('evicts the least recently read entry when full', () => {
    const { cache } = lru(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.get('a');

    cache.set('c', 'C');

    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    expect(cache.size).toBe(2);
  });

  it('keeps the eviction order exact while the most recent entry is read again and again', () => {
    const { cache } = lru(3);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.get('b');
    cache.get('b');
    cache.get('a');
    cache.set('b', 'B2');
    cache.delete('b');
    cache.get('a');
    cache.set('c', 'C');
    cache.set('d', 'D');

    cache.set('e', 'E');

    expect([cache.get('a'), cache.get('c'), cache.get('d'), cache.get('e')]).toEqual([
      undefined,
      'C',
      'D',
      'E',
    ]);
  });

  it('stops serving an entry its max age after it was stored, however often it is read', () => {
    const { cache, advance } = lru(10, 1_000);
    cache.set('a', 'A');
    advance(600);
    expect(cache.get('a')).toBe('A');
    advance(400);

    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('restarts the age of an entry stored again', () => {
    const { cache, advance } = lru(10, 1_000);
    cache.set('a', 'old');
    advance(900);
    cache.set('a', 'new');
    advance(900);

    expect(cache.get('a')).toBe('new');
  });

  it('keeps nothing with room for no entry or no age', () => {
    const none = lru(0).cache;
    const ageless = lru(10, 0).cache;
    none.set('a', 'A');
    ageless.set('a', 'A');

    expect([none.get('a'), ageless.get('a')]).toEqual([undefined, undefined]);
  });

  it('drops the entries whose value matches', () => {
    const { cache } = lru(10);
    cache.set('a', 'keep');
    cache.set('b', 'drop');
    cache.set('c', 'drop');

    cache.deleteWhere((value) => value === 'drop');

    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([
      'keep',
      undefined,
      undefined,
    ]);
  });

  it('lists the unexpired entries without moving them in the eviction order', () => {
    const { cache, advance } = lru(2, 1_000);
    cache.set('old', 'O');
    advance(600);
    cache.set('a', 'A');
    cache.set('b', 'B');
    advance(500);

    expect([...cache.unexpired()]).toEqual([
      ['a', 'A'],
      ['b', 'B'],
    ]);
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, 'B']);
  });

  it('refuses a negative or fractional size', () => {
    expect(() => new ExpiringLru({ maxEntries: -1, maxAgeMs: 1 })).toThrow(RangeError);
    expect(() => new ExpiringLru({ maxEntries: 1.5, maxAgeMs: 1 })).toThrow(RangeError);
  });
});

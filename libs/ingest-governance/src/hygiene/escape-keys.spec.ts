import type { JsonValue } from '../call';
import {
  escapeCallKeys,
  escapeKey,
  escapeKeys,
  isStorableKey,
  unescapeCallKeys,
  unescapeKey,
  unescapeKeys,
} from './escape-keys';

/**
 * A small seeded pseudo-random generator (mulberry32) for property tests: the same seed
 * gives the same cases, so a failure is reproducible from the seed in the test name.
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters that matter to the escaping, mixed with ordinary and non-ASCII ones. */
const KEY_ALPHABET = ['.', '$', '%', '2', '5', 'E', 'e', '4', 'a', 'Z', ' ', '_', 'é', '😀', '-'];

function randomKey(random: () => number, maxLength = 12): string {
  const length = Math.floor(random() * (maxLength + 1));
  let key = '';
  for (let i = 0; i < length; i++) {
    key += KEY_ALPHABET[Math.floor(random() * KEY_ALPHABET.length)] ?? '';
  }
  return key;
}

const SEED = 20260301;

function randomDocument(random: () => number, depth: number): JsonValue {
  const pick = random();
  if (depth <= 0 || pick < 0.3) return randomKey(random);
  if (pick < 0.45) return [randomDocument(random, depth - 1), { [randomKey(random)]: 1 }];
  const entries = Array.from({ length: 1 + Math.floor(random() * 4) }, () => [
    randomKey(random),
    randomDocument(random, depth - 1),
  ]);
  return Object.fromEntries(entries);
}

describe('escapeKey', () => {
  it.each([
    ['order.id', 'order%2Eid'],
    ['$set', '%24set'],
    ['price$', 'price$'],
    ['50%', '50%25'],
    ['%2E', '%252E'],
    ['$.%', '%24%2E%25'],
    ['plain_key', 'plain_key'],
  ])('escapes %j as %j', (key, escaped) => {
    expect(escapeKey(key)).toBe(escaped);
    expect(unescapeKey(escaped)).toBe(key);
  });

  it(`round-trips and yields storable keys for random keys (seed ${SEED})`, () => {
    const random = seededRandom(SEED);
    for (let i = 0; i < 5000; i++) {
      const key = randomKey(random);
      const escaped = escapeKey(key);
      expect(unescapeKey(escaped)).toBe(key);
      expect(isStorableKey(escaped)).toBe(true);
    }
  });

  it(`never maps two different keys to the same escaped key (seed ${SEED + 1})`, () => {
    const random = seededRandom(SEED + 1);
    const keyOf = new Map<string, string>();
    for (let i = 0; i < 5000; i++) {
      const key = randomKey(random, 5);
      const escaped = escapeKey(key);
      expect(keyOf.get(escaped) ?? key).toBe(key);
      keyOf.set(escaped, key);
    }
  });

  it('tells keys that need escaping from keys that do not', () => {
    expect(isStorableKey('name')).toBe(true);
    expect(isStorableKey('a.b')).toBe(false);
    expect(isStorableKey('$x')).toBe(false);
    expect(isStorableKey('100%')).toBe(true);
    expect(isStorableKey('a$')).toBe(true);
  });
});

describe('escapeKeys', () => {
  it('escapes keys at every depth, inside arrays too, and leaves values alone', () => {
    const document = { 'a.b': { $c: ['x.y', { 'd.e': '$f' }] } };
    expect(escapeKeys(document)).toEqual({ 'a%2Eb': { '%24c': ['x.y', { 'd%2Ee': '$f' }] } });
  });

  it('keeps a __proto__ key as an ordinary key', () => {
    const document: unknown = JSON.parse('{"__proto__": {"a.b": 1}}');
    const escaped = escapeKeys(document as JsonValue);
    expect(Object.getPrototypeOf(escaped)).toBe(Object.prototype);
    expect(Object.keys(escaped as object)).toEqual(['__proto__']);
  });

  it(`unescapeKeys restores random documents exactly (seed ${SEED + 2})`, () => {
    const random = seededRandom(SEED + 2);
    for (let i = 0; i < 500; i++) {
      const document = randomDocument(random, 4);
      expect(unescapeKeys(escapeKeys(document))).toEqual(document);
    }
  });
});

describe('escapeCallKeys', () => {
  it('escapes keys in properties, traits, context and integrations only, and reverses', () => {
    const call = {
      type: 'identify',
      userId: 'a.b',
      traits: { 'a.b': { $c: 1 } },
      context: { 'x.y': 1 },
      integrations: { 'Segment.io': true },
      properties: ['not', 'an', 'object'],
    };
    const escaped = escapeCallKeys(call);
    expect(escaped).toEqual({
      ...call,
      traits: { 'a%2Eb': { '%24c': 1 } },
      context: { 'x%2Ey': 1 },
      integrations: { 'Segment%2Eio': true },
    });
    expect(unescapeCallKeys(escaped)).toEqual(call);
  });
});

import { INGESTION_MAX_CALL_BYTES, jsonBytes, MAX_CALL_BYTES, prefixThatFits } from './call-budget';

describe('call budget', () => {
  it('stays below the 32 KiB ingestion refuses as EVENT_TOO_LARGE', () => {
    expect(MAX_CALL_BYTES).toBeLessThan(INGESTION_MAX_CALL_BYTES);
  });

  it('measures UTF-8 bytes, not characters', () => {
    expect(jsonBytes({ name: 'é' })).toBe('{"name":"é"}'.length + 1);
  });

  it('keeps the longest prefix whose array elements and commas fit', () => {
    // Each of "aa", "bb", "cc" is 4 bytes of JSON; two of them need 4 + 1 + 4 = 9.
    expect(prefixThatFits(['aa', 'bb', 'cc'], 9)).toEqual(['aa', 'bb']);
    expect(prefixThatFits(['aa', 'bb', 'cc'], 8)).toEqual(['aa']);
    expect(prefixThatFits(['aa', 'bb', 'cc'], 3)).toEqual([]);
  });

  it('stops at the first element that does not fit rather than skipping to smaller ones', () => {
    expect(prefixThatFits(['a', 'a long one', 'b'], 8)).toEqual(['a']);
  });
});

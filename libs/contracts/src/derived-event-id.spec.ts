import { derivedEventId } from './derived-event-id';

describe('derivedEventId', () => {
  it('is the incoming id and the suffix while that fits an envelope id', () => {
    expect(derivedEventId('e-1', 'rfm-scores')).toBe('e-1:rfm-scores');
  });

  it('hashes an incoming id too long to carry the suffix, deterministically and within 128 chars', () => {
    const long = derivedEventId('x'.repeat(120), 'entered:potential-loyalists');

    expect(long).toMatch(/^[0-9a-f]{64}:entered:potential-loyalists$/);
    expect(long.length).toBeLessThanOrEqual(128);
    expect(derivedEventId('x'.repeat(120), 'entered:potential-loyalists')).toBe(long);
    expect(derivedEventId('y'.repeat(120), 'entered:potential-loyalists')).not.toBe(long);
  });
});

import { isRefusalCode, REFUSAL_CODES } from './refusal';

describe('refusal codes', () => {
  it('gives every refusal its own code', () => {
    expect(new Set(REFUSAL_CODES).size).toBe(REFUSAL_CODES.length);
  });

  it('recognises its own codes and nothing else', () => {
    expect(REFUSAL_CODES.every(isRefusalCode)).toBe(true);
    expect(isRefusalCode('INVALID_FIELD')).toBe(false);
  });
});

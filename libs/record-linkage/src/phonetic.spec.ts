import { soundex } from './phonetic';

describe('soundex', () => {
  it('codes names as the textbook does', () => {
    expect(soundex('robert')).toBe('R163');
    expect(soundex('rupert')).toBe('R163');
    expect(soundex('ashcraft')).toBe('A261');
    expect(soundex('tymczak')).toBe('T522');
    expect(soundex('pfister')).toBe('P236');
    expect(soundex('lee')).toBe('L000');
  });

  it('gives the same code to common misspellings', () => {
    expect(soundex('smith')).toBe(soundex('smyth'));
    expect(soundex('meyer')).toBe(soundex('meier'));
  });

  it('is empty for an empty name', () => {
    expect(soundex('')).toBe('');
  });
});

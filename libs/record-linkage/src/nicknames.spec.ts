import { canonicalFirstName } from './nicknames';

describe('canonicalFirstName', () => {
  it('maps short forms to their formal name', () => {
    expect(canonicalFirstName('bill')).toBe('william');
    expect(canonicalFirstName('william')).toBe('william');
    expect(canonicalFirstName('bob')).toBe(canonicalFirstName('robert'));
  });

  it('leaves unknown names as they are', () => {
    expect(canonicalFirstName('zephyrine')).toBe('zephyrine');
  });
});

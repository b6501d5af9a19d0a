import { jaro, jaroWinkler } from './jaro-winkler';

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });

  it('is 1 for equal strings and 0 when nothing matches or one side is empty', () => {
    expect(jaroWinkler('anna', 'anna')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'anna')).toBe(0);
  });

  it('is symmetric', () => {
    expect(jaroWinkler('jonathan', 'jonhatan')).toBeCloseTo(
      jaroWinkler('jonhatan', 'jonathan'),
      10,
    );
  });
});

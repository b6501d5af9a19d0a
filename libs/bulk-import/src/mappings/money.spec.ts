import { fromScaledAmount, parseScaledAmount, scaledTotal, toCurrencyAmount } from './money';

describe('money', () => {
  it('parses decimals exactly to 1/10,000 units', () => {
    expect(parseScaledAmount('2.55')).toBe(25_500);
    expect(parseScaledAmount('0.001')).toBe(10);
    expect(parseScaledAmount('27.5')).toBe(275_000);
    expect(parseScaledAmount('-11062.06')).toBe(-110_620_600);
    expect(parseScaledAmount('3.0')).toBe(30_000);
    expect(parseScaledAmount('1.250000')).toBe(12_500);
  });

  it('refuses what is not a plain decimal with at most 4 places', () => {
    for (const text of ['', 'abc', '1e3', '0.00001', '1,5', '--1']) {
      expect(parseScaledAmount(text)).toBeUndefined();
    }
  });

  it('sums without float drift and rounds half away from zero to cents once', () => {
    // 0.1 + 0.2 style drift: 3 × 1.1 is 3.3000000000000003 in floating point.
    expect(toCurrencyAmount(scaledTotal([{ quantity: 3, scaledPrice: 11_000 }]))).toBe(3.3);
    expect(toCurrencyAmount(1_391_250)).toBe(139.13);
    expect(toCurrencyAmount(-1_391_250)).toBe(-139.13);
    expect(toCurrencyAmount(10)).toBe(0);
    expect(toCurrencyAmount(50)).toBe(0.01);
    expect(fromScaledAmount(10)).toBe(0.001);
  });
});

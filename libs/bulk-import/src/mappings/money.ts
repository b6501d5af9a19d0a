/**
 * Money without floating-point drift: amounts are integers of 1/10,000 of the currency unit
 * (the dataset has unit prices such as 0.001), summed exactly, and rounded to cents once.
 */
export const MONEY_SCALE_DIGITS = 4;
const SCALE = 10 ** MONEY_SCALE_DIGITS;
const DECIMAL = new RegExp(`^(-?)(\\d+)(?:\\.(\\d{1,${MONEY_SCALE_DIGITS}})0*)?$`);

/** "2.55" → 25500; undefined for anything else than a plain decimal with at most 4 places. */
export function parseScaledAmount(text: string): number | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', units = '', fraction = ''] = match;
  const scaled = Number(units) * SCALE + Number(fraction.padEnd(MONEY_SCALE_DIGITS, '0'));
  if (!Number.isSafeInteger(scaled)) return undefined;
  return sign === '-' && scaled !== 0 ? -scaled : scaled;
}

/** Σ quantity × scaled unit price, exact; throws rather than lose precision. */
export function scaledTotal(lines: readonly { quantity: number; scaledPrice: number }[]): number {
  const total = lines.reduce((sum, line) => sum + line.quantity * line.scaledPrice, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError(`amount out of range: ${total}`);
  return total;
}

/** A scaled amount as currency units rounded half away from zero to 2 decimals: 1391250 → 139.13. */
export function toCurrencyAmount(scaled: number): number {
  const perCent = SCALE / 100;
  const cents = Math.sign(scaled) * Math.floor((Math.abs(scaled) + perCent / 2) / perCent);
  // Dividing an integer number of cents by 100 gives the nearest double to the 2-decimal value.
  return cents / 100 || 0;
}

/** A scaled amount back as a number with all its places: 10 → 0.001. */
export function fromScaledAmount(scaled: number): number {
  return scaled / SCALE;
}

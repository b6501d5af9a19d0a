/**
 * Helpers for this library's specs (not exported by index.ts): the seeded PRNG and a check that a
 * state is storable as a MongoDB document the way the scoring service stores it.
 */

/** Epoch ms of an ISO instant, failing loudly on a typo. */
export function ms(iso: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new RangeError(`not an ISO instant: ${iso}`);
  return value;
}

/** The code base's seeded PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export { SeededRandom } from '@meridian/random';

/**
 * What would keep `value` from being stored as is in a MongoDB document by the service: nested
 * arrays, keys with a dot or starting with `$`, and anything but plain JSON (Dates, NaN,
 * undefined). Empty when it is fine.
 */
export function mongoSafetyProblems(value: unknown, path = '$'): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown, index) =>
      Array.isArray(item)
        ? [`${path}[${index}]: an array in an array`]
        : mongoSafetyProblems(item, `${path}[${index}]`),
    );
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, item]: [string, unknown]) => [
      ...(key.includes('.') || key.startsWith('$') ? [`${path}: key "${key}"`] : []),
      ...mongoSafetyProblems(item, `${path}.${key}`),
    ]);
  }
  return [`${path}: not plain JSON (${typeof value})`];
}

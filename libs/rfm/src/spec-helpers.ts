/**
 * Helpers for this library's specs (not exported by index.ts): a seeded PRNG and a check that a
 * state is storable as a MongoDB document the way the scoring service stores it.
 */

/** Epoch ms of an ISO instant, failing loudly on a typo. */
export function ms(iso: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new RangeError(`not an ISO instant: ${iso}`);
  return value;
}

/** mulberry32: the same seed gives the same sequence on every machine. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const a = copy[i];
      const b = copy[j];
      if (a === undefined || b === undefined) throw new RangeError('index out of range');
      copy[i] = b;
      copy[j] = a;
    }
    return copy;
  }
}

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

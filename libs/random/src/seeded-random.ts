// Module-level aliases: these run in hot loops (bandit decisions, simulations), and inside
// Jest's vm sandbox every lookup of a global (Math) costs hundreds of times more.
const { cos, exp, floor, imul, log, PI, sqrt } = Math;

/** Anything that yields uniform numbers in [0, 1). */
export interface RandomSource {
  next(): number;
}

/**
 * The one seeded PRNG of the code base (mulberry32) with the distributions its users need:
 * the same seed gives the same draws on every machine, so generated people, simulated worlds,
 * experiments and bandit decisions are reproducible.
 */
export class SeededRandom implements RandomSource {
  private state: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** A generator for one part of a whole, independent of how much the other parts draw. */
  fork(stream: number): SeededRandom {
    return new SeededRandom((imul(this.state ^ 0x9e3779b9, 31) + stream * 0x85ebca6b) | 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [0, bound). */
  below(bound: number): number {
    if (!(Number.isInteger(bound) && bound > 0))
      throw new RangeError(`bound must be a positive integer, got ${bound}`);
    return floor(this.next() * bound);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Normal draw (Box–Muller, one of the pair used). */
  normal(mean = 0, sd = 1): number {
    // Spelled out rather than via standardNormal: `sd * radius` first keeps every draw the
    // simulator's figures were measured with, to the last bit.
    const radius = sqrt(-2 * log(1 - this.next()));
    return mean + sd * radius * cos(2 * PI * this.next());
  }

  exponential(mean: number): number {
    return -mean * log(1 - this.next());
  }

  /** Poisson draw by Knuth's product of uniforms (for small means). */
  poisson(mean: number): number {
    const limit = exp(-mean);
    let count = 0;
    for (let product = this.next(); product > limit; product *= this.next()) count++;
    return count;
  }

  binomial(trials: number, probability: number): number {
    let successes = 0;
    for (let i = 0; i < trials; i++) if (this.next() < probability) successes++;
    return successes;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** An index drawn with probability proportional to `weights`. */
  weightedIndex(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i] ?? 0;
    let remaining = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      remaining -= weights[i] ?? 0;
      if (remaining < 0) return i;
    }
    return weights.length - 1;
  }

  /** A copy of `items` in random order (Fisher–Yates). */
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
 * A standard normal draw from any uniform source (Box–Muller, one of the pair used), without
 * allocating: the bandit calls it once per action on its hot path.
 */
export function standardNormal(random: RandomSource): number {
  // 1 - next() is in (0, 1], so the logarithm is finite.
  const radius = sqrt(-2 * log(1 - random.next()));
  return radius * cos(2 * PI * random.next());
}

// Module-level aliases: these run per decision, and inside Jest's vm sandbox every lookup of a
// global (Math, Number) costs hundreds of times more than a module constant.
const { cos, exp, floor, imul, log, PI, sqrt } = Math;

/**
 * The simulated world's own seeded PRNG (mulberry32), apart from the learners' randomness so
 * that changing a model never changes the world it is tested on.
 */
export class WorldRandom {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** A generator for one part of the world, independent of how much the others draw. */
  fork(stream: number): WorldRandom {
    return new WorldRandom((imul(this.state ^ 0x9e3779b9, 31) + stream * 0x85ebca6b) | 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [0, bound). */
  below(bound: number): number {
    return floor(this.next() * bound);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  normal(mean = 0, sd = 1): number {
    const radius = sqrt(-2 * log(1 - this.next()));
    return mean + sd * radius * cos(2 * PI * this.next());
  }

  exponential(mean: number): number {
    return -mean * log(1 - this.next());
  }

  /** Poisson draw by inversion (the means here are small). */
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
    const item = items[this.below(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** An index drawn with probability proportional to `weights`. */
  weighted(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i] ?? 0;
    let remaining = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      remaining -= weights[i] ?? 0;
      if (remaining < 0) return i;
    }
    return weights.length - 1;
  }
}

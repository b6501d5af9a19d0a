// Module-level aliases: these run per decision, and inside Jest's vm sandbox every lookup of a
// global (Math, Number) costs hundreds of times more than a module constant.
const { cos, floor, imul, log, PI, sqrt } = Math;

/** Anything that yields uniform numbers in [0, 1): the bandit's only need of randomness. */
export interface RandomSource {
  next(): number;
}

/**
 * A small seeded PRNG (mulberry32) with the two distributions the learners need. The same seed
 * gives the same draws on every machine, so decisions and experiments are reproducible.
 */
export class SeededRandom implements RandomSource {
  private state: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, bound). */
  below(bound: number): number {
    if (!(Number.isInteger(bound) && bound > 0)) {
      throw new RangeError(`bound must be a positive integer, got ${bound}`);
    }
    return floor(this.next() * bound);
  }

  /** Standard normal draw. */
  normal(): number {
    return standardNormal(this);
  }
}

/**
 * A standard normal draw from any uniform source (Box–Muller, one of the pair used). Kept
 * allocation-free: it is called once per action on the bandit's hot path.
 */
export function standardNormal(random: RandomSource): number {
  // 1 - next() is in (0, 1], so the logarithm is finite.
  const radius = sqrt(-2 * log(1 - random.next()));
  return radius * cos(2 * PI * random.next());
}

import { z } from 'zod';
import { normalQuantile } from './normal-quantile';

/**
 * Is the challenger's log-loss lower than the champion's, with confidence? Both models score
 * the same examples, so each example gives a paired difference
 *   d = loss(champion) − loss(challenger)
 * and the statistic is z = mean(d) / (sd(d) / √count), a one-sided paired z-test (with
 * thousands of examples the normal approximation is sound, and pairing removes the
 * example-to-example variation both models share).
 *
 * The test is looked at every `checkEvery` examples once `minExamples` have been compared.
 * Looking again and again at a fixed 2.326 (99 %) would let an equally good challenger cross
 * it by luck sooner or later (6 % of 300 simulated equal pairs did within 50,000 examples,
 * and the rate keeps growing with the stream). So the error is spent
 * over the looks instead: look k tests at level (1 − confidence) · 6 / (π² k²), which sum to
 * 1 − confidence, so the probability that an equally good challenger is EVER promoted is at
 * most 1 % (Bonferroni; 3 of the same 300 pairs were promoted). The thresholds grow slowly: 2.51 at the
 * first look, 3.84 at the 10th, 4.85 at the 100th; a really better challenger's z grows
 * like √count and still crosses them.
 */
export const PromotionPolicy = z.object({
  confidence: z.number().gt(0.5).lt(1).default(0.99),
  minExamples: z.number().int().min(2).default(2000),
  checkEvery: z.number().int().positive().default(500),
});
export type PromotionPolicy = z.infer<typeof PromotionPolicy>;

/** Running count, mean and sum of squared deviations (Welford) of the differences. */
export const PairedComparison = z.object({
  count: z.number().int().nonnegative(),
  mean: z.number(),
  sumSquares: z.number().nonnegative(),
});
export type PairedComparison = z.infer<typeof PairedComparison>;

export interface PairedStanding {
  readonly comparedExamples: number;
  /** Mean loss the challenger saves per example (negative: it loses). */
  readonly meanImprovement: number;
  readonly zScore: number;
  /** The z the next look must exceed. */
  readonly nextThreshold: number;
}

export class PairedLossTest {
  readonly policy: Readonly<PromotionPolicy>;
  private comparison: PairedComparison;

  constructor(policy: z.input<typeof PromotionPolicy> = {}, state?: PairedComparison) {
    this.policy = Object.freeze(PromotionPolicy.parse(policy));
    this.comparison = state ? PairedComparison.parse(state) : { count: 0, mean: 0, sumSquares: 0 };
  }

  /** Adds one example's pair of losses; true when this is a look and the challenger wins. */
  add(championLoss: number, challengerLoss: number): boolean {
    const difference = championLoss - challengerLoss;
    if (!Number.isFinite(difference)) {
      throw new RangeError(`losses must be finite, got ${championLoss} and ${challengerLoss}`);
    }
    const { count, mean, sumSquares } = this.comparison;
    const next = count + 1;
    const delta = difference - mean;
    const nextMean = mean + delta / next;
    this.comparison = {
      count: next,
      mean: nextMean,
      sumSquares: sumSquares + delta * (difference - nextMean),
    };
    const look = this.look();
    return look !== null && this.zScore() > this.threshold(look);
  }

  /** The z look k (1, 2, …) must exceed: its share of the error, 6/(π²k²) of 1 − confidence. */
  threshold(look: number): number {
    if (!Number.isInteger(look) || look < 1)
      throw new RangeError(`look must be 1 or more, got ${look}`);
    const level = ((1 - this.policy.confidence) * 6) / (Math.PI * Math.PI * look * look);
    return normalQuantile(1 - level);
  }

  standing(): PairedStanding {
    return {
      comparedExamples: this.comparison.count,
      meanImprovement: this.comparison.mean,
      zScore: this.zScore(),
      nextThreshold: this.threshold(this.nextLook()),
    };
  }

  reset(): void {
    this.comparison = { count: 0, mean: 0, sumSquares: 0 };
  }

  toState(): PairedComparison {
    return { ...this.comparison };
  }

  /** Which look the examples compared so far make (1 at minExamples), or null if none. */
  look(): number | null {
    const since = this.comparison.count - this.policy.minExamples;
    if (since < 0 || since % this.policy.checkEvery !== 0) return null;
    return since / this.policy.checkEvery + 1;
  }

  /** The look the next examples will reach. */
  private nextLook(): number {
    const since = this.comparison.count - this.policy.minExamples;
    return since < 0 ? 1 : Math.floor(since / this.policy.checkEvery) + 2;
  }

  private zScore(): number {
    const { count, mean, sumSquares } = this.comparison;
    if (count < 2) return 0;
    const standardError = Math.sqrt(sumSquares / (count - 1) / count);
    // Identical models give identical losses: no evidence either way, however many examples.
    if (standardError === 0) return 0;
    return mean / standardError;
  }
}

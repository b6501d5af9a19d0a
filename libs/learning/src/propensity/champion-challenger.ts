import { z } from 'zod';
import {
  PairedComparison,
  PairedLossTest,
  type PairedStanding,
  PromotionPolicy,
} from '../evaluation/paired-test';
import {
  PrequentialEvaluator,
  prequentialMetricsRecord,
  PrequentialState,
} from '../evaluation/prequential';
import type { FeatureVector } from './feature-vector';
import { type FtrlHyperparameters, FtrlModel, FtrlState } from './ftrl';

/**
 * Champion and challenger learn from the same stream and are scored on it before learning
 * each example (test, then train). The challenger replaces the champion when a paired test
 * on their per-example log-losses says it is better with 99 % confidence (PairedLossTest:
 * one-sided z-test, looked at every 500 examples from 2,000 on, the 1 % error spent over the
 * looks); then a fresh challenger is started from the new champion.
 */
export const ChampionChallengerState = z.object({
  format: z.literal('champion-challenger/v1'),
  policy: PromotionPolicy.required(),
  generation: z.number().int().nonnegative(),
  champion: FtrlState,
  challenger: FtrlState,
  championEvaluation: PrequentialState,
  challengerEvaluation: PrequentialState,
  comparison: PairedComparison,
});
export type ChampionChallengerState = z.infer<typeof ChampionChallengerState>;

/** Makes the next challenger after a promotion, from the new champion. */
export type ChallengerFactory = (champion: FtrlModel, generation: number) => FtrlModel;

/**
 * The default next challenger: the new champion warm-started (its z and n kept) with the
 * learning rate doubled after odd promotions and halved after even ones, so the pair keeps
 * probing whether the stream now wants faster or slower learning.
 */
export const alternateLearningRate: ChallengerFactory = (champion, generation) => {
  const { alpha } = champion.hyperparameters;
  return champion.clone({ alpha: generation % 2 === 1 ? alpha * 2 : alpha / 2 });
};

export interface PromotedModel {
  readonly hyperparameters: FtrlHyperparameters;
  readonly metrics: Record<string, number>;
}

/**
 * What the service stores when the challenger wins; it has the shape recordPromotion (in the
 * registry) takes: the winner's version becomes champion, the fresh challenger a new version.
 */
export interface PromotionEvent {
  readonly at: string;
  /** Promotions so far, this one included. */
  readonly generation: number;
  readonly comparedExamples: number;
  /** Mean per-example log-loss the challenger saved, in nats. */
  readonly meanLogLossImprovement: number;
  readonly zScore: number;
  /** The z this look had to exceed. */
  readonly zThreshold: number;
  /** The former challenger, now champion, with its state to store. */
  readonly champion: PromotedModel & { readonly state: FtrlState };
  /** The former champion, now retired. */
  readonly retired: PromotedModel;
  /** The fresh challenger, with no metrics yet. */
  readonly challenger: PromotedModel & { readonly state: FtrlState };
}

export interface LearnOutcome {
  readonly championPrediction: number;
  readonly challengerPrediction: number;
  readonly promotion: PromotionEvent | null;
}

export interface ChampionChallengerOptions {
  readonly champion: FtrlModel;
  readonly challenger: FtrlModel;
  readonly policy?: z.input<typeof PromotionPolicy>;
  readonly nextChallenger?: ChallengerFactory;
}

export class ChampionChallenger {
  private championModel: FtrlModel;
  private challengerModel: FtrlModel;
  private championEvaluation = new PrequentialEvaluator();
  private challengerEvaluation = new PrequentialEvaluator();
  private test: PairedLossTest;
  private generation = 0;
  private readonly nextChallenger: ChallengerFactory;

  constructor(options: ChampionChallengerOptions) {
    if (options.champion === options.challenger) {
      throw new RangeError('champion and challenger must be two models, not one instance');
    }
    this.test = new PairedLossTest(options.policy ?? {});
    this.championModel = options.champion;
    this.challengerModel = options.challenger;
    this.nextChallenger = options.nextChallenger ?? alternateLearningRate;
  }

  get policy(): Readonly<PromotionPolicy> {
    return this.test.policy;
  }

  get champion(): FtrlModel {
    return this.championModel;
  }

  get challenger(): FtrlModel {
    return this.challengerModel;
  }

  /** Promotions so far. */
  get promotions(): number {
    return this.generation;
  }

  /** The champion's probability: the one the service acts on. */
  predict(features: FeatureVector): number {
    return this.championModel.predict(features);
  }

  /** Scores the example with both models, lets both learn it, and promotes if it is time. */
  learn(features: FeatureVector, label: 0 | 1 | boolean, at: string): LearnOutcome {
    if (Number.isNaN(Date.parse(at))) throw new RangeError(`at is not an ISO-8601 instant: ${at}`);
    const championPrediction = this.championModel.update(features, label);
    const challengerPrediction = this.challengerModel.update(features, label);
    const championLoss = this.championEvaluation.add(championPrediction, label);
    const challengerLoss = this.challengerEvaluation.add(challengerPrediction, label);
    const promotion = this.test.add(championLoss, challengerLoss) ? this.promote(at) : null;
    return { championPrediction, challengerPrediction, promotion };
  }

  /** The running paired test of the current challenger against the champion. */
  standing(): PairedStanding {
    return this.test.standing();
  }

  championMetrics(): Record<string, number> {
    return prequentialMetricsRecord(this.championEvaluation.metrics());
  }

  challengerMetrics(): Record<string, number> {
    return prequentialMetricsRecord(this.challengerEvaluation.metrics());
  }

  toState(): ChampionChallengerState {
    return {
      format: 'champion-challenger/v1',
      policy: { ...this.policy },
      generation: this.generation,
      champion: this.championModel.toState(),
      challenger: this.challengerModel.toState(),
      championEvaluation: this.championEvaluation.toState(),
      challengerEvaluation: this.challengerEvaluation.toState(),
      comparison: this.test.toState(),
    };
  }

  static fromState(
    input: ChampionChallengerState,
    nextChallenger?: ChallengerFactory,
  ): ChampionChallenger {
    const state = ChampionChallengerState.parse(input);
    const pair = new ChampionChallenger({
      champion: FtrlModel.fromState(state.champion),
      challenger: FtrlModel.fromState(state.challenger),
      policy: state.policy,
      ...(nextChallenger ? { nextChallenger } : {}),
    });
    pair.championEvaluation = PrequentialEvaluator.fromState(state.championEvaluation);
    pair.challengerEvaluation = PrequentialEvaluator.fromState(state.challengerEvaluation);
    pair.test = new PairedLossTest(state.policy, state.comparison);
    pair.generation = state.generation;
    return pair;
  }

  private promote(at: string): PromotionEvent {
    const standing = this.standing();
    const look = this.test.look();
    if (look === null)
      throw new RangeError('a promotion happens only at a look of the paired test');
    const winner = this.challengerModel;
    // Asked before anything changes, so a factory that throws leaves the pair as it was.
    const next = this.nextChallenger(winner, this.generation + 1);
    // The same instance would learn every example twice; a copy is what a factory should give.
    if (next === winner) throw new RangeError('nextChallenger returned the champion itself');
    const retired: PromotedModel = {
      hyperparameters: { ...this.championModel.hyperparameters },
      metrics: this.championMetrics(),
    };
    const championMetrics = {
      ...this.challengerMetrics(),
      comparedExamples: standing.comparedExamples,
      logLossImprovement: standing.meanImprovement,
      zScore: standing.zScore,
    };
    this.generation++;
    this.championModel = winner;
    this.championEvaluation = this.challengerEvaluation;
    this.challengerModel = next;
    this.challengerEvaluation = new PrequentialEvaluator();
    this.test.reset();
    return {
      at,
      generation: this.generation,
      comparedExamples: standing.comparedExamples,
      meanLogLossImprovement: standing.meanImprovement,
      zScore: standing.zScore,
      zThreshold: this.test.threshold(look),
      champion: {
        hyperparameters: { ...this.championModel.hyperparameters },
        metrics: championMetrics,
        state: this.championModel.toState(),
      },
      retired,
      challenger: {
        hyperparameters: { ...this.challengerModel.hyperparameters },
        metrics: {},
        state: this.challengerModel.toState(),
      },
    };
  }
}

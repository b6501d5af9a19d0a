import {
  type ChampionChallenger,
  exactAuc,
  exampleLogLoss,
  fromFeatureEntries,
  type LabelledExample,
} from '@meridian/learning';
import { GOAL, type PropensitySettings, WINDOW_DAYS } from './settings';

/** The target: the learned model's AUC within 0.02 of the oracle's. */
export const TARGET_AUC_GAP = 0.02;

export interface HoldoutRow {
  /** The oracle's probability of an order within the window, at observation time. */
  readonly truth: number;
  /** Orders before the observation, for the baseline. */
  readonly orders: number;
  readonly example: LabelledExample;
}

export interface PropensityPromotion {
  readonly day: number;
  readonly generation: number;
  readonly comparedExamples: number;
  readonly zScore: number;
  readonly zThreshold: number;
  readonly meanLogLossImprovement: number;
  readonly championAlpha: number;
  readonly retiredAlpha: number;
}

export interface HoldoutScores {
  readonly auc: number;
  readonly logLoss: number;
}

export interface PropensityReport {
  readonly seed: number;
  readonly customers: number;
  readonly days: number;
  readonly holdoutDays: number;
  readonly goal: string;
  readonly windowDays: number;
  /** Labelled examples the models learned (test, then train) before the holdout. */
  readonly trainingExamples: number;
  readonly holdoutExamples: number;
  readonly holdoutPositiveRate: number;
  /** The final champion, frozen at the start of the holdout. */
  readonly model: HoldoutScores;
  /** The true 7-day purchase probabilities of the simulation. */
  readonly oracle: HoldoutScores;
  /** Ranking by order count alone, for scale. */
  readonly baselineAuc: number;
  /** oracle AUC − model AUC; the target is at most TARGET_AUC_GAP. */
  readonly aucGap: number;
  readonly meetsTarget: boolean;
  /** Progressive-validation metrics of champion and challenger at the end of training. */
  readonly prequential: {
    readonly champion: Record<string, number>;
    readonly challenger: Record<string, number>;
  };
  readonly promotions: PropensityPromotion[];
  readonly championHyperparameters: Record<string, number>;
}

export function summariseRun(
  settings: PropensitySettings,
  pair: ChampionChallenger,
  holdout: readonly HoldoutRow[],
  promotions: PropensityPromotion[],
  trainingExamples: number,
): PropensityReport {
  const labels = holdout.map((row) => row.example.label);
  const predictions = holdout.map((row) => pair.predict(fromFeatureEntries(row.example.features)));
  const model = scores(predictions, labels);
  const oracle = scores(
    holdout.map((row) => row.truth),
    labels,
  );
  const aucGap = oracle.auc - model.auc;
  return {
    seed: settings.seed,
    customers: settings.customers,
    days: settings.days,
    holdoutDays: settings.holdoutDays,
    goal: GOAL,
    windowDays: WINDOW_DAYS,
    trainingExamples,
    holdoutExamples: holdout.length,
    holdoutPositiveRate: labels.filter((label) => label === 1).length / Math.max(1, labels.length),
    model,
    oracle,
    baselineAuc: requireAuc(
      exactAuc(
        holdout.map((row) => row.orders),
        labels,
      ),
    ),
    aucGap,
    meetsTarget: aucGap <= TARGET_AUC_GAP,
    prequential: { champion: pair.championMetrics(), challenger: pair.challengerMetrics() },
    promotions,
    championHyperparameters: { ...pair.champion.hyperparameters },
  };
}

function scores(predictions: readonly number[], labels: readonly (0 | 1)[]): HoldoutScores {
  let loss = 0;
  predictions.forEach(
    (prediction, index) => (loss += exampleLogLoss(prediction, labels[index] ?? 0)),
  );
  return {
    auc: requireAuc(exactAuc(predictions, labels)),
    logLoss: loss / Math.max(1, predictions.length),
  };
}

function requireAuc(auc: number | null): number {
  if (auc === null)
    throw new RangeError('the holdout has only one label: simulate more customers or days');
  return auc;
}

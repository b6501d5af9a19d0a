import type { PromotionPolicy } from '@meridian/learning';
import { propensityModelId } from '@meridian/learning';
import type { ScoringConfig } from '../config';

export const MODELS_OPTIONS = Symbol('meridian.scoring.models-options');

/** One propensity model: the goal event, its label window, and the model (and score) id. */
export interface PropensityGoal {
  readonly goal: string;
  readonly windowDays: number;
  /** `propensity:Order Completed:7d`: the registry's modelId and the published score's name. */
  readonly modelId: string;
}

/** How the models run in this instance (from ScoringConfig; see config.ts for each variable). */
export interface ModelsOptions {
  /** MERIDIAN_PARTITIONS. */
  readonly partitions: number;
  /** OWNED_PARTITIONS: the partitions whose models this instance trains and writes. */
  readonly ownedPartitions: readonly number[];
  readonly goals: readonly PropensityGoal[];
  /** MODELS_PROPENSITY_TRAITS. */
  readonly traits: readonly string[];
  /** MODELS_SCORE_EPSILON. */
  readonly scoreEpsilon: number;
  /** MODELS_LABEL_LATENESS_MS. */
  readonly labelLatenessMs: number;
  readonly promotion: Pick<PromotionPolicy, 'minExamples' | 'checkEvery'>;
  /** MODELS_CHECKPOINT_EXAMPLES. */
  readonly checkpointExamples: number;
  /** MODELS_CHECKPOINT_INTERVAL_MS. */
  readonly checkpointIntervalMs: number;
  /** MODELS_SWEEP_INTERVAL_MS; 0: no timer. */
  readonly sweepIntervalMs: number;
  /** MODELS_NBA_WINDOW_MS. */
  readonly nbaWindowMs: number;
  /** MODELS_REPLICA_REFRESH_MS. */
  readonly replicaRefreshMs: number;
  /** Epoch ms now: the one clock the models read (the app passes Date.now). */
  readonly wallClock: () => number;
}

export function modelsOptionsOf(config: ScoringConfig, wallClock: () => number): ModelsOptions {
  return {
    partitions: config.MERIDIAN_PARTITIONS,
    ownedPartitions: config.OWNED_PARTITIONS,
    goals: config.MODELS_PROPENSITY_GOALS.map(({ goal, windowDays }) => ({
      goal,
      windowDays,
      modelId: propensityModelId(goal, windowDays),
    })),
    traits: config.MODELS_PROPENSITY_TRAITS,
    scoreEpsilon: config.MODELS_SCORE_EPSILON,
    labelLatenessMs: config.MODELS_LABEL_LATENESS_MS,
    promotion: {
      minExamples: config.MODELS_PROMOTION_MIN_EXAMPLES,
      checkEvery: config.MODELS_PROMOTION_CHECK_EVERY,
    },
    checkpointExamples: config.MODELS_CHECKPOINT_EXAMPLES,
    checkpointIntervalMs: config.MODELS_CHECKPOINT_INTERVAL_MS,
    sweepIntervalMs: config.MODELS_SWEEP_INTERVAL_MS,
    nbaWindowMs: config.MODELS_NBA_WINDOW_MS,
    replicaRefreshMs: config.MODELS_REPLICA_REFRESH_MS,
    wallClock,
  };
}

import {
  envInt,
  httpPort,
  loadConfig,
  ownedPartitionsEnv,
  platformEnv,
  resolveOwnedPartitions,
  type Environment,
} from '@meridian/config';
import { ClockMode } from '@meridian/rfm';
import { z } from 'zod';

export const SCORING_SERVICE_NAME = 'scoring';

const HOUR_MS = 3_600_000;

/** Scoring's own variables, with their defaults. */
const scoringEnv = z.object({
  /**
   * The clock of a workspace whose settings choose none: `wall` (wall-clock time) or `replay`
   * (the latest event time seen, for replays of historical data).
   */
  RFM_DEFAULT_CLOCK: ClockMode.default('wall'),
  /** How long a workspace's merged population cut points and watermark are reused (ms). */
  RFM_POPULATION_CACHE_MS: envInt(0, 60_000).default(2_000),
  /** Time between recency sweeps of the workspaces this instance scores (ms); 0 turns them off. */
  RFM_SWEEP_INTERVAL_MS: envInt(0, 7 * 24 * HOUR_MS).default(HOUR_MS),
  /** Profiles a sweep re-evaluates per page: one hold of the partition's lock, one cursor save. */
  RFM_SWEEP_PAGE_SIZE: envInt(1, 10_000).default(200),
  /** How long a workspace's scoring settings are reused before they are read again (ms). */
  SCORING_SETTINGS_CACHE_MS: envInt(0, 60_000).default(1_000),
});

/** `Order Completed:7d`: a goal event and its label window in days. */
const PropensityGoalSpec = z
  .string()
  .trim()
  .regex(/^[^,]+:\d{1,3}d$/, 'expected "<event name>:<days>d", e.g. "Order Completed:7d"')
  .transform((spec) => {
    const colon = spec.lastIndexOf(':');
    return { goal: spec.slice(0, colon).trim(), windowDays: Number(spec.slice(colon + 1, -1)) };
  })
  .refine(({ goal, windowDays }) => goal.length > 0 && windowDays >= 1 && windowDays <= 365, {
    message: 'the event name must not be empty and the window must be 1 to 365 days',
  });

/** A comma-separated list of names (`country,plan`), blanks dropped. */
const NameList = z.string().transform((list) => [
  ...new Set(
    list
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
  ),
]);

/** The self-training models (apps/scoring/src/models, README "Models"), with their defaults. */
const modelsEnv = z.object({
  /** Propensity models: goal events with their label windows, comma-separated. */
  MODELS_PROPENSITY_GOALS: z
    .string()
    .default('Order Completed:7d')
    .transform((list) => list.split(','))
    .pipe(z.array(PropensityGoalSpec).min(1).max(10)),
  /** Profile traits that become categorical propensity features (`country=UK`). */
  MODELS_PROPENSITY_TRAITS: NameList.default(['country', 'plan']),
  /** A propensity is published again only when it moved by more than this. */
  MODELS_SCORE_EPSILON: z.coerce.number().min(0).max(1).default(0.01),
  /** How late a goal event may arrive and still label its window (ms). */
  MODELS_LABEL_LATENESS_MS: envInt(0, 7 * 24 * HOUR_MS).default(HOUR_MS),
  /** Champion/challenger: examples before the first look, and between looks, of the paired test. */
  MODELS_PROMOTION_MIN_EXAMPLES: envInt(2, 10_000_000).default(2_000),
  MODELS_PROMOTION_CHECK_EVERY: envInt(1, 1_000_000).default(500),
  /** Checkpoint a model's state to model_versions after this many learned examples or decisions. */
  MODELS_CHECKPOINT_EXAMPLES: envInt(1, 10_000_000).default(1_000),
  /** ... and at least this often while it has unsaved learning (ms); also on shutdown. */
  MODELS_CHECKPOINT_INTERVAL_MS: envInt(100, 24 * HOUR_MS).default(60_000),
  /** Time between closings of expired label and attribution windows (ms); 0 turns them off. */
  MODELS_SWEEP_INTERVAL_MS: envInt(0, 24 * HOUR_MS).default(60_000),
  /** NBA attribution window: a click or conversion within it rewards 1, none by its end 0 (ms). */
  MODELS_NBA_WINDOW_MS: envInt(1, 90 * 24 * HOUR_MS).default(24 * HOUR_MS),
  /** How old the read-only copy of a partition this instance does not own may get (ms). */
  MODELS_REPLICA_REFRESH_MS: envInt(0, 24 * HOUR_MS).default(60_000),
});

/**
 * Everything scoring reads from the environment. OWNED_PARTITIONS (e.g. "0-3") are the
 * partitions this instance consumes and sweeps; all of them when unset, as for a single instance.
 */
export const ScoringConfig = platformEnv
  .extend(httpPort(8082).shape)
  .extend(ownedPartitionsEnv)
  .extend(scoringEnv.shape)
  .extend(modelsEnv.shape)
  .transform(resolveOwnedPartitions);
export type ScoringConfig = z.infer<typeof ScoringConfig>;

export function loadScoringConfig(env?: Environment): ScoringConfig {
  return loadConfig(ScoringConfig, env);
}

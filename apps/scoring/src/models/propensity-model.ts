import {
  ChampionChallenger,
  createModelVersion,
  type FeatureVector,
  fromFeatureEntries,
  FtrlModel,
  type FtrlHyperparameters,
  FtrlState,
  type LabelledExample,
  type ModelKind,
  PairedComparison,
  type PromotionEvent,
  type PromotionPolicy,
  PrequentialState,
  recordPromotion,
  type VersionContent,
} from '@meridian/learning';
import { z } from 'zod';
import type { ModelVersionDocument } from './model-version-document';
import type { PropensityGoal } from './models-options';
import { TrackedVersions } from './tracked-versions';

/**
 * 2^14 hashed slots: the features are a few dozen names (buckets, up to 50 event names, a few
 * traits), so collisions stay rare, and a model takes about 0.4 MB instead of the 1.5 MB of
 * the library's 2^16 — there is a pair per workspace, goal and partition.
 */
const BITS = 14;
/**
 * The first pair, as the simulator runs it (libs/learning/src/propensity/README.md): a slow
 * champion and a challenger at the library's default rate, which in the simulator replaced it
 * within a week (after 2,000 compared examples); later challengers alternate the rate.
 */
const FIRST_CHAMPION = { alpha: 0.02, bits: BITS };
const FIRST_CHALLENGER = { alpha: 0.1, bits: BITS };
/** The paired test's confidence (the library's default): an equal challenger wins at most 1 %. */
const PROMOTION_CONFIDENCE = 0.99;

/**
 * What a propensity version stores as its state: its FTRL model and its prequential metrics;
 * the challenger also carries the running paired test and the promotions so far, so the pair
 * resumes exactly where its last checkpoint left it.
 */
export const PropensityMemberState = z.object({
  format: z.literal('meridian/propensity-member-v1'),
  model: FtrlState,
  evaluation: PrequentialState,
  comparison: PairedComparison.optional(),
  generation: z.number().int().min(0).optional(),
});
export type PropensityMemberState = z.infer<typeof PropensityMemberState>;

export interface PropensityRef {
  readonly workspaceId: string;
  readonly partition: number;
  readonly goal: PropensityGoal;
}

export type PropensityPolicy = Pick<PromotionPolicy, 'minExamples' | 'checkEvery'>;

/** A missing or inconsistent registry entry for a model the owner is about to load. */
export class PropensityRegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropensityRegistryError';
  }
}

/**
 * One partition's propensity model for one goal: the champion/challenger pair in memory and
 * its registry versions. Pure apart from the clock instants passed in; the service writes
 * `versions.unsaved()`.
 */
export class PropensityModel {
  private unsavedExamples = 0;

  private constructor(
    readonly ref: PropensityRef,
    private readonly pair: ChampionChallenger,
    readonly versions: TrackedVersions,
  ) {}

  /** A new model: version 1 the champion, version 2 the challenger, both unsaved. */
  static create(ref: PropensityRef, policy: PropensityPolicy, at: string): PropensityModel {
    const pair = new ChampionChallenger({
      champion: new FtrlModel(FIRST_CHAMPION),
      challenger: new FtrlModel(FIRST_CHALLENGER),
      policy: { confidence: PROMOTION_CONFIDENCE, ...policy },
    });
    const model = new PropensityModel(ref, pair, new TrackedVersions());
    const kind: ModelKind = 'propensity';
    const header = { workspaceId: ref.workspaceId, modelId: ref.goal.modelId, kind, createdAt: at };
    const champion = createModelVersion(
      { ...header, status: 'champion', ...model.championContent() },
      [],
    );
    model.versions.set(champion, ref.partition, at);
    const challenger = createModelVersion(
      { ...header, status: 'challenger', ...model.challengerContent() },
      [champion],
    );
    model.versions.set(challenger, ref.partition, at);
    return model;
  }

  /** The model as its champion and challenger documents stored it. */
  static fromDocuments(
    ref: PropensityRef,
    policy: PropensityPolicy,
    documents: readonly ModelVersionDocument[],
  ): PropensityModel {
    const champion = documents.find((document) => document.status === 'champion');
    const challenger = documents.find((document) => document.status === 'challenger');
    if (champion === undefined || challenger === undefined) {
      throw new PropensityRegistryError(
        `${ref.goal.modelId} of partition ${ref.partition} has no champion and challenger to load`,
      );
    }
    const championState = PropensityMemberState.parse(champion.state);
    const challengerState = PropensityMemberState.parse(challenger.state);
    const pair = ChampionChallenger.fromState({
      format: 'champion-challenger/v1',
      policy: { confidence: PROMOTION_CONFIDENCE, ...policy },
      generation: challengerState.generation ?? 0,
      champion: championState.model,
      challenger: challengerState.model,
      championEvaluation: championState.evaluation,
      challengerEvaluation: challengerState.evaluation,
      comparison: challengerState.comparison ?? { count: 0, mean: 0, sumSquares: 0 },
    });
    return new PropensityModel(ref, pair, new TrackedVersions([champion, challenger]));
  }

  /** The champion's probability of the goal within the window. */
  predict(features: FeatureVector): number {
    return this.pair.predict(features);
  }

  get championVersion(): number {
    return this.versions.withStatus('champion')?.version ?? 0;
  }

  get trackers(): readonly TrackedVersions[] {
    return [this.versions];
  }

  /** Examples learned since the last checkpoint. */
  get unsaved(): number {
    return this.unsavedExamples;
  }

  get promotions(): number {
    return this.pair.promotions;
  }

  /**
   * Tests both models on the example, then trains both (progressive validation). On a
   * promotion the registry documents change at once (the winner champion, the former
   * champion retired, a fresh challenger) at `now` (the wall clock, like every registry time:
   * when it happened in the system, not in the events), and true is returned: the caller
   * writes them.
   */
  learn(example: LabelledExample, now: string): boolean {
    const formerChampion = this.pair.champion;
    const { promotion } = this.pair.learn(fromFeatureEntries(example.features), example.label, now);
    this.unsavedExamples++;
    if (promotion === null) return false;
    this.recordPromotion(promotion, formerChampion);
    return true;
  }

  /** Writes the pair's current state and metrics into its champion and challenger versions. */
  checkpoint(at: string): void {
    const champion = this.versions.withStatus('champion');
    const challenger = this.versions.withStatus('challenger');
    if (champion !== undefined) {
      this.versions.set({ ...champion, ...this.championContent() }, this.ref.partition, at);
    }
    if (challenger !== undefined) {
      this.versions.set({ ...challenger, ...this.challengerContent() }, this.ref.partition, at);
    }
    this.unsavedExamples = 0;
  }

  private recordPromotion(promotion: PromotionEvent, formerChampion: FtrlModel): void {
    const current = this.versions.documents.filter((document) => document.status !== 'retired');
    const formerState = current.find((document) => document.status === 'champion')?.state;
    const changed = recordPromotion(current, {
      at: promotion.at,
      champion: { ...this.championContent(), metrics: promotion.champion.metrics },
      challenger: this.challengerContent(),
    });
    for (const version of changed) {
      if (version.status !== 'retired') {
        this.versions.set(version, this.ref.partition, promotion.at);
        continue;
      }
      // The retired champion keeps its final weights (it learned this example too) and the
      // metrics it ended with; its evaluation as of the last checkpoint.
      const stored = PropensityMemberState.safeParse(formerState);
      const state: PropensityMemberState = {
        format: 'meridian/propensity-member-v1',
        model: formerChampion.toState(),
        evaluation: stored.success
          ? stored.data.evaluation
          : this.pair.toState().championEvaluation,
      };
      this.versions.set(
        { ...version, metrics: promotion.retired.metrics, state },
        this.ref.partition,
        promotion.at,
      );
    }
  }

  private championContent(): VersionContent {
    const state = this.pair.toState();
    const member: PropensityMemberState = {
      format: 'meridian/propensity-member-v1',
      model: state.champion,
      evaluation: state.championEvaluation,
    };
    return {
      metrics: this.pair.championMetrics(),
      hyperparameters: this.hyperparameters(this.pair.champion.hyperparameters),
      state: member,
    };
  }

  private challengerContent(): VersionContent {
    const state = this.pair.toState();
    const standing = this.pair.standing();
    const member: PropensityMemberState = {
      format: 'meridian/propensity-member-v1',
      model: state.challenger,
      evaluation: state.challengerEvaluation,
      comparison: state.comparison,
      generation: state.generation,
    };
    return {
      metrics: {
        ...this.pair.challengerMetrics(),
        comparedExamples: standing.comparedExamples,
        logLossImprovement: standing.meanImprovement,
        zScore: standing.zScore,
        nextThreshold: standing.nextThreshold,
      },
      hyperparameters: {
        ...this.hyperparameters(this.pair.challenger.hyperparameters),
        confidence: this.pair.policy.confidence,
        minExamples: this.pair.policy.minExamples,
        checkEvery: this.pair.policy.checkEvery,
      },
      state: member,
    };
  }

  private hyperparameters(model: Readonly<FtrlHyperparameters>): Record<string, number | string> {
    return { ...model, goal: this.ref.goal.goal, windowDays: this.ref.goal.windowDays };
  }
}

import type { z } from 'zod';
import { SeededRandom, standardNormal, type RandomSource } from '../random';
import { BanditOptions, BanditState, type BanditActionState } from './bandit-state';

// Module-level aliases: these run per decision, and inside Jest's vm sandbox every lookup of a
// global (Math, Number) costs hundreds of times more than a module constant.
const { max, sqrt } = Math;
const isFiniteNumber = Number.isFinite;

/**
 * A contextual bandit over one action set: a disjoint linear model per action (ridge
 * regression of reward on the context), scored by linear Thompson sampling by default.
 *
 * Why Thompson sampling rather than LinUCB: rewards arrive late (a click within hours, a zero
 * only when the attribution window closes), so many decisions are made between two updates.
 * LinUCB is deterministic and sends every similar profile to the same optimistic action until
 * the feedback comes back; sampling spreads those decisions in proportion to the chance each
 * action is best, which is known to be robust to delayed, batched feedback (Chapelle & Li,
 * 2011). It costs no more: for one context x the sampled score x·θ̃ with θ̃ ~ N(θ̂, v²A⁻¹) is
 * exactly N(x·θ̂, v²·xᵀA⁻¹x), so one normal draw per action replaces a d-dimensional sample.
 * LinUCB (`policy: 'ucb'`) stays available when deterministic scores are wanted. With
 * `observe` at decision time (see there) pending decisions narrow the posterior at once too.
 *
 * Cost: A⁻¹ is kept up to date by Sherman–Morrison (O(d²) per update) and θ̂ = A⁻¹b is cached,
 * so scoring is one dot product and one quadratic form, O(d²) per action, without allocation.
 */
export class ContextualBandit {
  readonly options: BanditOptions;
  private readonly arms = new Map<string, Arm>();
  private readonly random: RandomSource;
  /** Scratch vector for A⁻¹x during an update, reused so updates do not allocate. */
  private readonly scratch: Float64Array;

  constructor(options: z.input<typeof BanditOptions>, random: RandomSource = new SeededRandom(1)) {
    this.options = BanditOptions.parse(options);
    this.random = random;
    this.scratch = new Float64Array(this.options.dimension);
  }

  static fromState(state: BanditState, random?: RandomSource): ContextualBandit {
    const parsed = BanditState.parse(state);
    const bandit = new ContextualBandit(parsed.options, random);
    for (const action of parsed.actions) bandit.arms.set(action.actionId, armFromState(action));
    return bandit;
  }

  toState(): BanditState {
    return {
      version: 1,
      options: { ...this.options },
      actions: [...this.arms].map(([actionId, arm]) => ({
        actionId,
        inverseCovariance: Array.from(arm.inverse),
        rewardWeightedContext: Array.from(arm.rewardWeighted),
        pulls: arm.pulls,
        rewardSum: arm.rewardSum,
      })),
    };
  }

  get actionIds(): readonly string[] {
    return [...this.arms.keys()];
  }

  hasAction(actionId: string): boolean {
    return this.arms.has(actionId);
  }

  /**
   * Adds an action with the prior: an optimistic mean (`priorMean`) and the widest posterior,
   * so it wins draws until its first decisions say what it is worth. False if present.
   */
  addAction(actionId: string): boolean {
    if (actionId.length === 0) throw new RangeError('actionId must not be empty');
    if (this.arms.has(actionId)) return false;
    this.arms.set(actionId, this.priorArm());
    return true;
  }

  /** Forgets an action and what was learnt about it; false if it was not in the set. */
  removeAction(actionId: string): boolean {
    return this.arms.delete(actionId);
  }

  /** Decisions learnt from and their total reward, or undefined for an unknown action. */
  statistics(actionId: string): { pulls: number; rewardSum: number } | undefined {
    const arm = this.arms.get(actionId);
    return arm === undefined ? undefined : { pulls: arm.pulls, rewardSum: arm.rewardSum };
  }

  /**
   * Picks one of `actionIds` (the actions this profile is eligible for) for `context`.
   * Actions not in the set (never seen, or removed since) join it with the prior. Scores are
   * aligned with `actionIds`; the only allocations are the scores array and the result.
   */
  choose(
    context: ArrayLike<number>,
    actionIds: readonly string[],
    random: RandomSource = this.random,
  ): BanditChoice {
    const scores = new Float64Array(actionIds.length);
    const index = this.scoreInto(context, actionIds, scores, random);
    const actionId = actionIds[index];
    const arm = actionId === undefined ? undefined : this.arms.get(actionId);
    if (actionId === undefined || arm === undefined) throw new RangeError('no action chosen');
    return { actionId, index, scores, expectedReward: dot(arm.theta, context) };
  }

  /**
   * `choose` without allocating: writes each action's score into `out` and returns the index
   * of the best (ties broken uniformly at random).
   */
  scoreInto(
    context: ArrayLike<number>,
    actionIds: readonly string[],
    out: Float64Array,
    random: RandomSource = this.random,
  ): number {
    this.checkContext(context);
    if (actionIds.length === 0) throw new RangeError('actionIds must not be empty');
    if (out.length < actionIds.length) {
      throw new RangeError(`out must hold ${actionIds.length} scores, got ${out.length}`);
    }
    const { explorationScale, policy } = this.options;
    let best = -1;
    let bestScore = -Infinity;
    let ties = 0;
    for (let i = 0; i < actionIds.length; i++) {
      const arm = this.armFor(actionIds[i]);
      const spread = explorationScale * sqrt(quadraticForm(arm.inverse, context));
      const score =
        dot(arm.theta, context) +
        (policy === 'thompson' ? spread * standardNormal(random) : spread);
      out[i] = score;
      if (score > bestScore) {
        best = i;
        bestScore = score;
        ties = 1;
      } else if (score === bestScore && random.next() * ++ties < 1) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Learns one settled outcome: `reward` (1 for a click or conversion in the attribution
   * window, 0 when it closed without one) of `actionId` shown in `context`. The same as
   * `observe` then `credit`. Returns false, learning nothing, when the action has been removed
   * from the set since the decision.
   */
  update(actionId: string, context: ArrayLike<number>, reward: number): boolean {
    if (!isFiniteNumber(reward)) throw new RangeError(`reward must be finite, got ${reward}`);
    return this.observe(actionId, context) && this.credit(actionId, context, reward);
  }

  /**
   * Learns that `actionId` was shown in `context`, as a zero reward until `credit` adds one.
   * Calling this at decision time rather than waiting for the window to close means decisions
   * made meanwhile already see the action's narrower posterior and its (provisional) zero;
   * once every click is credited the state is exactly that of `update` with the final rewards.
   */
  observe(actionId: string, context: ArrayLike<number>): boolean {
    this.checkContext(context);
    const arm = this.arms.get(actionId);
    if (arm === undefined) return false;
    const d = this.options.dimension;
    const inverse = arm.inverse;
    const u = this.scratch;
    // Sherman–Morrison: (A + xxᵀ)⁻¹ = A⁻¹ − (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x), A⁻¹ symmetric.
    let denominator = 1;
    for (let i = 0; i < d; i++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += (inverse[i * d + j] ?? 0) * (context[j] ?? 0);
      u[i] = sum;
      denominator += (context[i] ?? 0) * sum;
    }
    for (let i = 0; i < d; i++) {
      const ui = (u[i] ?? 0) / denominator;
      for (let j = 0; j < d; j++) inverse[i * d + j] = (inverse[i * d + j] ?? 0) - ui * (u[j] ?? 0);
    }
    refreshTheta(arm, d);
    arm.pulls += 1;
    return true;
  }

  /** Adds `reward` to a decision already `observe`d in `context` (b += reward·x). */
  credit(actionId: string, context: ArrayLike<number>, reward: number): boolean {
    this.checkContext(context);
    if (!isFiniteNumber(reward)) throw new RangeError(`reward must be finite, got ${reward}`);
    const arm = this.arms.get(actionId);
    if (arm === undefined) return false;
    if (reward === 0) return true;
    const d = this.options.dimension;
    for (let i = 0; i < d; i++) {
      arm.rewardWeighted[i] = (arm.rewardWeighted[i] ?? 0) + reward * (context[i] ?? 0);
    }
    refreshTheta(arm, d);
    arm.rewardSum += reward;
    return true;
  }

  private armFor(actionId: string | undefined): Arm {
    if (actionId === undefined) throw new RangeError('actionIds must not have holes');
    const known = this.arms.get(actionId);
    if (known !== undefined) return known;
    if (actionId.length === 0) throw new RangeError('actionId must not be empty');
    const arm = this.priorArm();
    this.arms.set(actionId, arm);
    return arm;
  }

  private priorArm(): Arm {
    const { dimension: d, ridge, priorMean } = this.options;
    const inverse = new Float64Array(d * d);
    for (let i = 0; i < d; i++) inverse[i * d + i] = 1 / ridge;
    const rewardWeighted = new Float64Array(d);
    rewardWeighted[0] = ridge * priorMean;
    const arm = { inverse, rewardWeighted, theta: new Float64Array(d), pulls: 0, rewardSum: 0 };
    refreshTheta(arm, d);
    return arm;
  }

  private checkContext(context: ArrayLike<number>): void {
    const d = this.options.dimension;
    if (context.length !== d) {
      throw new RangeError(`context must have dimension ${d}, got ${context.length}`);
    }
    if (context[0] !== 1)
      throw new RangeError(`context[0] must be the intercept 1, got ${context[0]}`);
    for (let i = 1; i < d; i++) {
      if (!isFiniteNumber(context[i])) {
        throw new RangeError(`context[${i}] must be finite, got ${context[i]}`);
      }
    }
  }
}

export interface BanditChoice {
  readonly actionId: string;
  /** Position of the chosen action in the `actionIds` given. */
  readonly index: number;
  /** Each action's sampled (Thompson) or optimistic (UCB) score, aligned with `actionIds`. */
  readonly scores: Float64Array;
  /** The chosen action's posterior mean reward for this context, without exploration. */
  readonly expectedReward: number;
}

interface Arm {
  readonly inverse: Float64Array;
  readonly rewardWeighted: Float64Array;
  readonly theta: Float64Array;
  pulls: number;
  rewardSum: number;
}

function armFromState(state: BanditActionState): Arm {
  const d = state.rewardWeightedContext.length;
  const arm = {
    inverse: Float64Array.from(state.inverseCovariance),
    rewardWeighted: Float64Array.from(state.rewardWeightedContext),
    theta: new Float64Array(d),
    pulls: state.pulls,
    rewardSum: state.rewardSum,
  };
  refreshTheta(arm, d);
  return arm;
}

function refreshTheta(arm: Arm, d: number): void {
  for (let i = 0; i < d; i++) {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += (arm.inverse[i * d + j] ?? 0) * (arm.rewardWeighted[j] ?? 0);
    arm.theta[i] = sum;
  }
}

function dot(a: Float64Array, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

/** xᵀMx for symmetric M, from its upper triangle; clamped at 0 against rounding. */
function quadraticForm(matrix: Float64Array, x: ArrayLike<number>): number {
  const d = x.length;
  let sum = 0;
  for (let i = 0; i < d; i++) {
    const xi = x[i] ?? 0;
    let row = 0.5 * (matrix[i * d + i] ?? 0) * xi;
    for (let j = i + 1; j < d; j++) row += (matrix[i * d + j] ?? 0) * (x[j] ?? 0);
    sum += row * xi;
  }
  return max(0, 2 * sum);
}

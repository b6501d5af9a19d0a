import { SeededRandom } from '../random';
import { BanditState } from './bandit-state';
import { ContextualBandit } from './contextual-bandit';

/** A fixed problem: which action is best depends on the sign of context[1]. */
const TRUE_WEIGHTS: Record<string, readonly number[]> = {
  a: [0.3, 0.2, 0],
  b: [0.3, -0.2, 0],
  c: [0.15, 0, 0.05],
};

function trueRate(actionId: string, context: Float64Array): number {
  const weights = TRUE_WEIGHTS[actionId] ?? [];
  const rate = weights.reduce((sum, w, i) => sum + w * (context[i] ?? 0), 0);
  return Math.min(1, Math.max(0, rate));
}

function bestAction(actionIds: readonly string[], context: Float64Array): string {
  return [...actionIds].sort((x, y) => trueRate(y, context) - trueRate(x, context))[0] ?? '';
}

function drawContext(random: SeededRandom): Float64Array {
  return Float64Array.from([1, random.next() * 2 - 1, random.next() * 2 - 1]);
}

/** Plays `rounds` decisions with immediate rewards; the share of best choices in the last `tail`. */
function play(
  bandit: ContextualBandit,
  actionIds: readonly string[],
  rounds: number,
  random: SeededRandom,
  tail = rounds,
) {
  let bestInTail = 0;
  const chosen = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    const context = drawContext(random);
    const { actionId } = bandit.choose(context, actionIds);
    chosen.set(actionId, (chosen.get(actionId) ?? 0) + 1);
    bandit.update(actionId, context, random.next() < trueRate(actionId, context) ? 1 : 0);
    if (round >= rounds - tail && actionId === bestAction(actionIds, context)) bestInTail++;
  }
  return { bestShare: bestInTail / tail, chosen };
}

function hasNestedArray(value: unknown): boolean {
  if (Array.isArray(value))
    return value.some((item) => Array.isArray(item) || hasNestedArray(item));
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasNestedArray);
  return false;
}

describe('ContextualBandit', () => {
  it('converges to the best action for each context on a fixed problem', () => {
    for (const policy of ['thompson', 'ucb'] as const) {
      const bandit = new ContextualBandit({ dimension: 3, policy }, new SeededRandom(11));
      const { bestShare } = play(bandit, ['a', 'b', 'c'], 4000, new SeededRandom(5), 1000);
      expect(bestShare).toBeGreaterThan(0.9);
    }
  });

  it('explores a newly added action at once and moves to it when it is better', () => {
    const bandit = new ContextualBandit({ dimension: 3 }, new SeededRandom(2));
    const random = new SeededRandom(9);
    play(bandit, ['b', 'c'], 2000, random);
    expect(bandit.addAction('a')).toBe(true);
    // The optimistic prior (mean 1, worth one observation) wins against rates of about 0.3
    // until two or three decisions have pulled it down.
    expect(bandit.choose(drawContext(random), ['a', 'b', 'c']).actionId).toBe('a');
    const early = play(bandit, ['a', 'b', 'c'], 10, random);
    expect(early.chosen.get('a') ?? 0).toBeGreaterThanOrEqual(3);
    const late = play(bandit, ['a', 'b', 'c'], 3000, random, 1000);
    expect(late.bestShare).toBeGreaterThan(0.9);
  });

  it('tries a newly added worse action a few times, then leaves it', () => {
    const bandit = new ContextualBandit({ dimension: 3 }, new SeededRandom(2));
    const random = new SeededRandom(10);
    play(bandit, ['a', 'b'], 2000, random);
    bandit.addAction('c');
    const early = play(bandit, ['a', 'b', 'c'], 10, random);
    expect(early.chosen.get('c') ?? 0).toBeGreaterThanOrEqual(3);
    const late = play(bandit, ['a', 'b', 'c'], 2000, random, 1000);
    expect(late.chosen.get('c') ?? 0).toBeLessThan(100);
  });

  it('ends in the same state whether it observes then credits or updates at once', () => {
    const stepwise = new ContextualBandit({ dimension: 3 });
    const atOnce = new ContextualBandit({ dimension: 3 });
    const random = new SeededRandom(6);
    const pending: [Float64Array, number][] = [];
    for (const bandit of [stepwise, atOnce]) bandit.addAction('a');
    for (let n = 0; n < 50; n++) {
      const x = drawContext(random);
      const reward = random.next() < 0.3 ? 1 : 0;
      stepwise.observe('a', x);
      pending.push([x, reward]);
      atOnce.update('a', x, reward);
    }
    const before = stepwise.choose([1, 0, 0], ['a']).expectedReward;
    for (const [x, reward] of pending) stepwise.credit('a', x, reward);
    expect(stepwise.choose([1, 0, 0], ['a']).expectedReward).toBeGreaterThan(before);
    const left = stepwise.toState().actions[0];
    const right = atOnce.toState().actions[0];
    expect(left?.pulls).toBe(50);
    expect(left?.rewardSum).toBe(right?.rewardSum);
    left?.inverseCovariance.forEach((v, i) =>
      expect(v).toBeCloseTo(right?.inverseCovariance[i] ?? NaN, 12),
    );
    left?.rewardWeightedContext.forEach((v, i) =>
      expect(v).toBeCloseTo(right?.rewardWeightedContext[i] ?? NaN, 12),
    );
  });

  it('scores an action it has never seen with the prior and adds it to the set', () => {
    const bandit = new ContextualBandit({ dimension: 3, policy: 'ucb', priorMean: 0.4 });
    const choice = bandit.choose([1, 0, 0], ['fresh']);
    expect(choice.actionId).toBe('fresh');
    expect(choice.expectedReward).toBeCloseTo(0.4, 12);
    // UCB: prior mean + α·√(xᵀx/λ) with α = 0.1, λ = 1.
    expect(choice.scores[0]).toBeCloseTo(0.4 + 0.1, 12);
    expect(bandit.actionIds).toEqual(['fresh']);
  });

  it('keeps A⁻¹ the inverse of λI + Σxxᵀ through Sherman–Morrison updates', () => {
    const bandit = new ContextualBandit({ dimension: 3, ridge: 2 });
    bandit.addAction('only');
    const random = new SeededRandom(4);
    const a = [2, 0, 0, 0, 2, 0, 0, 0, 2];
    for (let n = 0; n < 500; n++) {
      const x = drawContext(random);
      bandit.update('only', x, 1);
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) a[i * 3 + j] = (a[i * 3 + j] ?? 0) + (x[i] ?? 0) * (x[j] ?? 0);
      }
    }
    const inverse = bandit.toState().actions[0]?.inverseCovariance ?? [];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let product = 0;
        for (let k = 0; k < 3; k++) product += (inverse[i * 3 + k] ?? 0) * (a[k * 3 + j] ?? 0);
        expect(product).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it('learns the least-squares weights of the rewards', () => {
    const bandit = new ContextualBandit({ dimension: 3, ridge: 0.001 });
    bandit.addAction('a');
    const random = new SeededRandom(8);
    for (let n = 0; n < 2000; n++) {
      const x = drawContext(random);
      bandit.update('a', x, 0.5 + 0.3 * (x[1] ?? 0) - 0.1 * (x[2] ?? 0));
    }
    const { expectedReward } = bandit.choose([1, 0.5, -1], ['a']);
    expect(expectedReward).toBeCloseTo(0.5 + 0.15 + 0.1, 5);
    expect(bandit.statistics('a')).toEqual({ pulls: 2000, rewardSum: expect.any(Number) });
  });

  it('round-trips its state through JSON without nested arrays and scores the same after', () => {
    const bandit = new ContextualBandit({ dimension: 3 }, new SeededRandom(1));
    play(bandit, ['a', 'b', 'c'], 300, new SeededRandom(3));
    const state = JSON.parse(JSON.stringify(bandit.toState()));
    expect(hasNestedArray(state)).toBe(false);
    const restored = ContextualBandit.fromState(state, new SeededRandom(21));
    const context = [1, 0.3, -0.7];
    const original = bandit.choose(context, ['a', 'b', 'c'], new SeededRandom(21));
    const again = restored.choose(context, ['a', 'b', 'c']);
    expect(Array.from(again.scores)).toEqual(Array.from(original.scores));
    expect(restored.toState()).toEqual(bandit.toState());
  });

  it('forgets a removed action and ignores its late rewards', () => {
    const bandit = new ContextualBandit({ dimension: 3 });
    bandit.addAction('a');
    bandit.addAction('b');
    expect(bandit.addAction('a')).toBe(false);
    expect(bandit.removeAction('a')).toBe(true);
    expect(bandit.update('a', [1, 0, 0], 1)).toBe(false);
    expect(bandit.actionIds).toEqual(['b']);
    expect(bandit.statistics('a')).toBeUndefined();
  });

  it('rejects contexts and states that do not fit, naming the field', () => {
    const bandit = new ContextualBandit({ dimension: 3 });
    expect(() => bandit.choose([1, 0], ['a'])).toThrow(/dimension 3/);
    expect(() => bandit.choose([0, 0, 0], ['a'])).toThrow(/intercept/);
    expect(() => bandit.choose([1, Number.NaN, 0], ['a'])).toThrow(/context\[1\]/);
    expect(() => bandit.choose([1, 0, 0], [])).toThrow(/actionIds/);
    expect(() => bandit.update('a', [1, 0, 0], Number.POSITIVE_INFINITY)).toThrow(/reward/);
    const state = bandit.toState();
    const broken = {
      ...state,
      actions: [
        {
          actionId: 'a',
          inverseCovariance: [1],
          rewardWeightedContext: [0, 0, 0],
          pulls: 0,
          rewardSum: 0,
        },
      ],
    };
    const parsed = BanditState.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['actions', 0, 'inverseCovariance']);
    expect(() => new ContextualBandit({ dimension: 0 })).toThrow();
  });
});

import { ContextualBandit } from '@meridian/learning';
import { DelayedFeedback } from './feedback';
import { SeededRandom } from '@meridian/random';
import type { Customer, World } from './world';

// Module-level aliases: these run per decision, and inside Jest's vm sandbox every lookup of a
// global (Math, Number) costs hundreds of times more than a module constant.
const { floor, max, round, sqrt } = Math;

const HOUR_MS = 3_600_000;
/** Simulated time starts on Monday 2024-01-01 00:00 UTC. */
export const SIMULATION_START = Date.UTC(2024, 0, 1);

export interface NbaConfig {
  readonly days: number;
  readonly decisionsPerHour: number;
  readonly attributionWindowHours: number;
  /** Clicks come this long after the decision on average (exponential). */
  readonly meanClickDelayHours: number;
  /** The batch baseline reallocates traffic this often (Braze: twice a day). */
  readonly reallocationHours: number;
  /** The bandit's Thompson sampling scale v. */
  readonly explorationScale: number;
  /** The bandit's ridge λ (prior precision). */
  readonly ridge: number;
  /** The bandit's prior mean reward of an action without data (optimism for new actions). */
  readonly priorMean: number;
}

export const DEFAULT_NBA_CONFIG: NbaConfig = {
  days: 14,
  decisionsPerHour: 300,
  attributionWindowHours: 24,
  meanClickDelayHours: 2,
  reallocationHours: 12,
  explorationScale: 0.1,
  ridge: 1,
  priorMean: 1,
};

export interface PolicyResult {
  readonly policy: string;
  readonly decisions: number;
  /** Clicks within the attribution window (the same draws for every policy). */
  readonly attributedClicks: number;
  /** Σ true click probability of the chosen actions: the reward without the dice. */
  readonly expectedClicks: number;
  readonly shareOfOracle: number;
  /** Share of the oracle's expected reward on the last simulated day, after learning. */
  readonly lastDayShareOfOracle: number;
}

export interface NbaReport {
  readonly config: NbaConfig;
  readonly actions: number;
  readonly dimension: number;
  readonly policies: readonly PolicyResult[];
  /** The best single action in hindsight: what no non-contextual policy can beat. */
  readonly bestSingleAction: { readonly actionId: string; readonly shareOfOracle: number };
  readonly banditToOracle: number;
  readonly banditDailyShareOfOracle: readonly number[];
}

/** One way of choosing an action for a customer at an instant, and of learning from it. */
interface Policy {
  readonly name: string;
  choose(customer: Customer, customerIndex: number, at: number): number;
  /** Called before every decision: deliver the feedback due by `now`. */
  advance(now: number): void;
  record(
    decisionId: string,
    customer: Customer,
    action: number,
    at: number,
    clickAt: number | null,
  ): void;
}

/**
 * Every policy faces the same arrivals (customer, instant) and the same dice: the decision's
 * uniform draw u clicks whichever action was chosen if u < its true rate, after the same delay.
 */
export function runNbaExperiment(world: World, config: NbaConfig, seed: number): NbaReport {
  const windowMs = config.attributionWindowHours * HOUR_MS;
  const policies = [
    oraclePolicy(world),
    banditPolicy(world, config, windowMs, seed, 'at-decision'),
    banditPolicy(world, config, windowMs, seed, 'at-settlement'),
    reallocationPolicy(world, config, windowMs, new SeededRandom(seed).fork(11)),
    randomPolicy(world, new SeededRandom(seed).fork(12)),
  ];
  const tallies = policies.map(() => new Tally(config.days));
  const arrivals = new SeededRandom(seed).fork(10);
  const k = world.actionIds.length;
  const hours = config.days * 24;
  for (let hour = 0; hour < hours; hour++) {
    const times = Array.from({ length: config.decisionsPerHour }, () => arrivals.next())
      .sort((a, b) => a - b)
      .map((fraction) => SIMULATION_START + floor((hour + fraction) * HOUR_MS));
    times.forEach((at, i) => {
      const c = arrivals.below(world.customers.length);
      const customer = world.customers[c];
      if (customer === undefined) throw new RangeError(`no customer ${c}`);
      const dice = arrivals.next();
      const delay = round(arrivals.exponential(config.meanClickDelayHours * HOUR_MS));
      policies.forEach((policy, p) => {
        policy.advance(at);
        const action = policy.choose(customer, c, at);
        const rate = world.clickRates[c * k + action] ?? 0;
        const clicked = dice < rate;
        tallies[p]?.add(floor(hour / 24), rate, clicked && delay <= windowMs);
        policy.record(`${hour}-${i}`, customer, action, at, clicked ? at + delay : null);
      });
    });
  }
  return nbaReport(world, config, policies, tallies);
}

class Tally {
  decisions = 0;
  attributed = 0;
  expected = 0;
  readonly expectedByDay: Float64Array;

  constructor(days: number) {
    this.expectedByDay = new Float64Array(days);
  }

  add(day: number, rate: number, attributed: boolean): void {
    this.decisions++;
    this.expected += rate;
    this.expectedByDay[day] = (this.expectedByDay[day] ?? 0) + rate;
    if (attributed) this.attributed++;
  }
}

function nbaReport(
  world: World,
  config: NbaConfig,
  policies: Policy[],
  tallies: Tally[],
): NbaReport {
  const oracle = tallies[0];
  if (oracle === undefined) throw new RangeError('the oracle policy is missing');
  const last = config.days - 1;
  const results = policies.map((policy, p): PolicyResult => {
    const tally = tallies[p] ?? oracle;
    return {
      policy: policy.name,
      decisions: tally.decisions,
      attributedClicks: tally.attributed,
      expectedClicks: tally.expected,
      shareOfOracle: tally.expected / oracle.expected,
      lastDayShareOfOracle: (tally.expectedByDay[last] ?? 0) / (oracle.expectedByDay[last] ?? 1),
    };
  });
  const bandit = tallies[1] ?? oracle;
  return {
    config,
    actions: world.actionIds.length,
    dimension: world.dimension,
    policies: results,
    bestSingleAction: bestSingleAction(world),
    banditToOracle: results[1]?.shareOfOracle ?? 0,
    banditDailyShareOfOracle: Array.from(
      bandit.expectedByDay,
      (expected, day) => expected / (oracle.expectedByDay[day] ?? 1),
    ),
  };
}

/** Mean true rate of each action over all customers against the oracle's mean. */
function bestSingleAction(world: World): NbaReport['bestSingleAction'] {
  const k = world.actionIds.length;
  const means = new Float64Array(k);
  let oracle = 0;
  world.customers.forEach((_, c) => {
    let best = 0;
    for (let a = 0; a < k; a++) {
      const rate = world.clickRates[c * k + a] ?? 0;
      means[a] = (means[a] ?? 0) + rate;
      best = max(best, rate);
    }
    oracle += best;
  });
  const best = means.reduce((b, value, a) => (value > (means[b] ?? 0) ? a : b), 0);
  return { actionId: world.actionIds[best] ?? '', shareOfOracle: (means[best] ?? 0) / oracle };
}

const noFeedback = { advance: () => undefined, record: () => undefined };

/** Knows every customer's true click probabilities and always takes the best action. */
function oraclePolicy(world: World): Policy {
  const k = world.actionIds.length;
  return {
    name: 'oracle',
    ...noFeedback,
    choose(_customer, c) {
      let best = 0;
      for (let a = 1; a < k; a++) {
        if ((world.clickRates[c * k + a] ?? 0) > (world.clickRates[c * k + best] ?? 0)) best = a;
      }
      return best;
    },
  };
}

function randomPolicy(world: World, random: SeededRandom): Policy {
  return { name: 'random', ...noFeedback, choose: () => random.below(world.actionIds.length) };
}

/**
 * How the bandit learns from delayed rewards: 'at-decision' observes each decision at once as
 * a provisional zero and credits clicks as they come; 'at-settlement' learns each decision
 * only when PendingDecisions settles it (a click, or the window closing).
 */
export type BanditLearning = 'at-decision' | 'at-settlement';

/** The library's contextual bandit, learning from delayed, attributed rewards. */
function banditPolicy(
  world: World,
  config: NbaConfig,
  windowMs: number,
  seed: number,
  learning: BanditLearning,
): Policy {
  const bandit = new ContextualBandit(
    {
      dimension: world.dimension,
      explorationScale: config.explorationScale,
      ridge: config.ridge,
      priorMean: config.priorMean,
    },
    new SeededRandom(seed + 0x5eed),
  );
  for (const actionId of world.actionIds) bandit.addAction(actionId);
  const feedback = new DelayedFeedback(windowMs, ({ decision, reward }) => {
    if (learning === 'at-settlement') bandit.update(decision.actionId, decision.context, reward);
    else bandit.credit(decision.actionId, decision.context, reward);
  });
  const index = new Map(world.actionIds.map((id, a) => [id, a]));
  return {
    name: learning === 'at-decision' ? 'bandit' : 'bandit, learning at settlement',
    advance: (now) => feedback.advance(now),
    choose: (customer) => index.get(bandit.choose(customer.context, world.actionIds).actionId) ?? 0,
    record(decisionId, customer, action, at, clickAt) {
      const actionId = world.actionIds[action] ?? '';
      if (learning === 'at-decision') bandit.observe(actionId, customer.context);
      feedback.record(
        {
          decisionId,
          profileId: customer.id,
          actionId,
          context: Array.from(customer.context),
          decidedAt: at,
        },
        clickAt,
      );
    },
  };
}

/**
 * The batch baseline (Braze's Intelligent Selection): one allocation for everybody, recomputed
 * every `reallocationHours` from the rewards settled so far as each action's probability of
 * having the best rate (Beta posteriors, normal approximation, 2,000 draws).
 */
function reallocationPolicy(
  world: World,
  config: NbaConfig,
  windowMs: number,
  random: SeededRandom,
): Policy {
  const k = world.actionIds.length;
  const successes = new Float64Array(k);
  const trials = new Float64Array(k);
  let allocation: Float64Array = new Float64Array(k).fill(1 / k);
  const everyMs = config.reallocationHours * HOUR_MS;
  let nextReallocation = SIMULATION_START + everyMs;
  const index = new Map(world.actionIds.map((id, a) => [id, a]));
  // Rates are clicks ÷ sends, as a campaign dashboard counts them: a send counts at once,
  // its click when it comes (counting only settled sends would inflate the rate of whichever
  // action got the most traffic lately, whose clicks are in but whose zeros are not yet).
  const feedback = new DelayedFeedback(windowMs, ({ decision, reward }) => {
    const a = index.get(decision.actionId) ?? 0;
    successes[a] = (successes[a] ?? 0) + reward;
  });
  return {
    name: 'reallocation twice a day',
    advance(now) {
      while (nextReallocation <= now) {
        feedback.advance(nextReallocation);
        allocation = probabilityOfBest(successes, trials, random);
        nextReallocation += everyMs;
      }
      feedback.advance(now);
    },
    choose: () => random.weightedIndex(allocation),
    record(decisionId, customer, action, at, clickAt) {
      trials[action] = (trials[action] ?? 0) + 1;
      feedback.record(
        {
          decisionId,
          profileId: customer.id,
          actionId: world.actionIds[action] ?? '',
          context: [1],
          decidedAt: at,
        },
        clickAt,
      );
    },
  };
}

function probabilityOfBest(
  successes: Float64Array,
  trials: Float64Array,
  random: SeededRandom,
): Float64Array {
  const k = successes.length;
  const wins = new Float64Array(k);
  const draws = 2000;
  for (let draw = 0; draw < draws; draw++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let a = 0; a < k; a++) {
      const n = trials[a] ?? 0;
      const mean = ((successes[a] ?? 0) + 1) / (n + 2);
      const value = random.normal(mean, sqrt((mean * (1 - mean)) / (n + 3)));
      if (value > bestValue) {
        best = a;
        bestValue = value;
      }
    }
    wins[best] = (wins[best] ?? 0) + 1;
  }
  return wins.map((count) => count / draws);
}

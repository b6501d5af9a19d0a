import {
  bestSendTime,
  emptySendTimePopulation,
  emptySendTimeProfile,
  hourOfWeekSlot,
  recordEngagement,
  type SendTimePopulation,
  type SendTimeProfile,
} from '@meridian/learning';
import { SIMULATION_START } from './nba-experiment';
import { engagementChance } from './preferences';
import { SeededRandom } from '@meridian/random';
import type { Customer, World } from './world';

// Module-level aliases: these run per decision, and inside Jest's vm sandbox every lookup of a
// global (Math, Number) costs hundreds of times more than a module constant.
const { floor, max } = Math;

const HOUR_MS = 3_600_000;
const WEEK_MS = 168 * HOUR_MS;

export interface SendTimeConfig {
  /** Weeks of engagement history before the test sends. */
  readonly historyWeeks: number;
  readonly testSendsPerCustomer: number;
  /** How far each send may be delayed: each horizon is tested separately. */
  readonly horizonsHours: readonly number[];
}

export const DEFAULT_SEND_TIME_CONFIG: SendTimeConfig = {
  historyWeeks: 4,
  testSendsPerCustomer: 4,
  horizonsHours: [24, 168],
};

/** Mean true engagement chance per send of each way of timing the same sends. */
export interface SendTimeHorizonResult {
  readonly horizonHours: number;
  readonly sends: number;
  readonly model: number;
  readonly random: number;
  readonly populationBest: number;
  readonly oracle: number;
  /** model ÷ random − 1: the send-time lift. */
  readonly liftOverRandom: number;
  readonly liftOverPopulationBest: number;
  readonly shareOfOracle: number;
  /** Engagements drawn with the same dice for the model and random timing. */
  readonly realised: { readonly model: number; readonly random: number };
  /** The model's lift over random for sends answered by each rule. */
  readonly liftByBasis: { readonly profile: number | null; readonly population: number | null };
}

export interface SendTimeReport {
  readonly config: SendTimeConfig;
  readonly customers: number;
  /** Customers below the model's minimum of events, answered by the population's best slot. */
  readonly populationAnswered: number;
  readonly meanHistoryEvents: number;
  readonly horizons: readonly SendTimeHorizonResult[];
}

/**
 * History: every customer's engagement events over `historyWeeks`, at local hours drawn from
 * their true activity, recorded as UTC instants through the library (so time zones matter).
 * Test: each send has a random `from`; the model picks the best slot within the horizon, the
 * baseline a uniformly random hour within it; engagement is the customer's true chance there.
 */
export function runSendTimeExperiment(
  world: World,
  config: SendTimeConfig,
  seed: number,
): SendTimeReport {
  const random = new SeededRandom(seed).fork(20);
  const population = emptySendTimePopulation();
  const profiles = world.customers.map((customer) => {
    const { profile, slots } = drawHistory(customer, config.historyWeeks, random);
    for (const slot of slots)
      population.engagements[slot] = (population.engagements[slot] ?? 0) + 1;
    return profile;
  });
  const events = profiles.map((p) => p.engagements.reduce((sum, count) => sum + count, 0));
  const testStart = SIMULATION_START + config.historyWeeks * WEEK_MS;
  return {
    config,
    customers: world.customers.length,
    populationAnswered: events.filter((count) => count < 3).length,
    meanHistoryEvents: events.reduce((sum, count) => sum + count, 0) / events.length,
    horizons: config.horizonsHours.map((horizon) =>
      testHorizon(world, profiles, population, testStart, horizon, config, random.fork(horizon)),
    ),
  };
}

function drawHistory(customer: Customer, weeks: number, random: SeededRandom) {
  let profile: SendTimeProfile = emptySendTimeProfile(customer.utcOffsetMinutes);
  const slots: number[] = [];
  for (let week = 0; week < weeks; week++) {
    const count = random.poisson(customer.eventsPerWeek);
    for (let event = 0; event < count; event++) {
      const localSlot = random.weightedIndex(customer.activity);
      const at =
        SIMULATION_START +
        week * WEEK_MS +
        floor((localSlot + random.next()) * HOUR_MS) -
        customer.utcOffsetMinutes * 60_000;
      profile = recordEngagement(profile, at);
      slots.push(hourOfWeekSlot(at, customer.utcOffsetMinutes));
    }
  }
  return { profile, slots };
}

function testHorizon(
  world: World,
  profiles: readonly SendTimeProfile[],
  population: SendTimePopulation,
  testStart: number,
  horizonHours: number,
  config: SendTimeConfig,
  random: SeededRandom,
): SendTimeHorizonResult {
  const sum = { model: 0, random: 0, populationBest: 0, oracle: 0, realModel: 0, realRandom: 0 };
  const byBasis = { profile: { model: 0, random: 0 }, population: { model: 0, random: 0 } };
  let sends = 0;
  world.customers.forEach((customer, c) => {
    const profile = profiles[c] ?? emptySendTimeProfile(customer.utcOffsetMinutes);
    const newProfile = emptySendTimeProfile(customer.utcOffsetMinutes);
    for (let send = 0; send < config.testSendsPerCustomer; send++) {
      const from = testStart + send * WEEK_MS + floor(random.next() * WEEK_MS);
      const chance = (slot: number) =>
        engagementChance(customer.engagementPropensity, customer.activity, slot);
      const options = { withinHours: horizonHours };
      const choice = bestSendTime(profile, population, from, options);
      const firstSlot = hourOfWeekSlot(from, customer.utcOffsetMinutes);
      const model = chance(choice.slot);
      const baseline = chance((firstSlot + random.below(horizonHours)) % 168);
      const dice = random.next();
      sum.model += model;
      sum.random += baseline;
      sum.populationBest += chance(bestSendTime(newProfile, population, from, options).slot);
      sum.oracle += bestChance(chance, firstSlot, horizonHours);
      sum.realModel += dice < model ? 1 : 0;
      sum.realRandom += dice < baseline ? 1 : 0;
      byBasis[choice.basis].model += model;
      byBasis[choice.basis].random += baseline;
      sends++;
    }
  });
  const lift = (a: number, b: number) => (b > 0 ? a / b - 1 : null);
  return {
    horizonHours,
    sends,
    model: sum.model / sends,
    random: sum.random / sends,
    populationBest: sum.populationBest / sends,
    oracle: sum.oracle / sends,
    liftOverRandom: sum.model / sum.random - 1,
    liftOverPopulationBest: sum.model / sum.populationBest - 1,
    shareOfOracle: sum.model / sum.oracle,
    realised: { model: sum.realModel, random: sum.realRandom },
    liftByBasis: {
      profile: lift(byBasis.profile.model, byBasis.profile.random),
      population: lift(byBasis.population.model, byBasis.population.random),
    },
  };
}

function bestChance(chance: (slot: number) => number, firstSlot: number, hours: number): number {
  let best = 0;
  for (let hour = 0; hour < hours; hour++) best = max(best, chance((firstSlot + hour) % 168));
  return best;
}

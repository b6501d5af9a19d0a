import {
  createContextEncoder,
  DEFAULT_PROFILE_CONTEXT,
  type ContextValues,
} from '@meridian/learning';
import { SeededRandom } from '@meridian/random';
import {
  drawActivity,
  drawChannelPreferences,
  drawTimeZone,
  type ChannelPreferences,
} from './preferences';

// Module-level aliases: these run per decision, and inside Jest's vm sandbox every lookup of a
// global (Math, Number) costs hundreds of times more than a module constant.
const { exp, log, max, min } = Math;

/** The actions of the simulated action set (offers and nudges of a retailer). */
export const ACTION_NAMES = [
  'discount-10',
  'free-shipping',
  'new-arrivals',
  'loyalty-points',
  'win-back',
  'bundle',
  'premium-upgrade',
  'app-download',
  'referral',
  'how-to-content',
] as const;

export interface WorldConfig {
  readonly seed: number;
  readonly customers: number;
  /** Customers without any engagement history (new profiles), as a share. */
  readonly newCustomerShare: number;
}

/** A simulated customer: what the platform sees (features) and the ground truth it does not. */
export interface Customer {
  readonly id: string;
  /** Profile features as orchestration would read them, encoded by the bandit's helper. */
  readonly features: ContextValues;
  readonly context: Float64Array;
  readonly utcOffsetMinutes: number;
  /** True relative activity per local hour of the week (max 1): when they engage. */
  readonly activity: Float64Array;
  /** Engagement events per week in the history (0 for a new customer). */
  readonly eventsPerWeek: number;
  /** Chance of engaging with a message in the best possible hour. */
  readonly engagementPropensity: number;
  readonly channels: ChannelPreferences;
}

export interface World {
  readonly config: WorldConfig;
  readonly customers: readonly Customer[];
  readonly actionIds: readonly string[];
  /** True click probability of customer c for action a at [c × actions + a]. */
  readonly clickRates: Float64Array;
  readonly dimension: number;
}

/**
 * Generates the world from its seed. Every customer has four latent traits (value, activity,
 * tenure, digital affinity) that drive the observable features; each action's true click
 * probability is a logistic function of the encoded features with action-specific weights,
 * so which action is best differs between customers and a contextual policy can beat the best
 * single action.
 */
export function createWorld(config: WorldConfig): World {
  if (!(Number.isInteger(config.customers) && config.customers > 0)) {
    throw new RangeError(`customers must be a positive integer, got ${config.customers}`);
  }
  const root = new SeededRandom(config.seed);
  const encoder = createContextEncoder(DEFAULT_PROFILE_CONTEXT);
  const people = root.fork(1);
  const customers = Array.from({ length: config.customers }, (_, i) =>
    drawCustomer(`c${i}`, people, encoder.encode, config.newCustomerShare),
  );
  const weights = drawActionWeights(root.fork(2), encoder.dimension);
  const clickRates = new Float64Array(customers.length * ACTION_NAMES.length);
  customers.forEach((customer, c) => {
    weights.forEach((w, a) => {
      clickRates[c * ACTION_NAMES.length + a] = sigmoid(dot(w, customer.context));
    });
  });
  return {
    config,
    customers,
    actionIds: [...ACTION_NAMES],
    clickRates,
    dimension: encoder.dimension,
  };
}

function drawCustomer(
  id: string,
  random: SeededRandom,
  encode: (values: ContextValues) => Float64Array,
  newCustomerShare: number,
): Customer {
  const value = random.normal();
  const activity = random.normal();
  const tenure = random.normal();
  const digital = random.normal();
  const purchases90d = random.poisson(exp(0.3 + 0.6 * value + 0.3 * activity));
  const features: ContextValues = {
    recencyDays: exp(2.5 - 0.8 * activity + random.normal(0, 0.5)),
    purchases90d,
    revenue90d: purchases90d * exp(3.5 + 0.6 * value + random.normal(0, 0.3)),
    engagementRate: clamp(0.2 + 0.1 * activity + random.normal(0, 0.05), 0, 1),
    tenureDays: exp(5 + 1.2 * tenure),
    emailOptIn: random.chance(0.9),
    pushOptIn: random.chance(sigmoid(digital)),
    platform: digital > 0.5 ? random.pick(['ios', 'android']) : digital > -0.5 ? 'web' : null,
  };
  const isNew = random.chance(newCustomerShare);
  return {
    id,
    features,
    context: encode(features),
    utcOffsetMinutes: drawTimeZone(random),
    activity: drawActivity(random),
    eventsPerWeek: isNew ? 0 : exp(random.normal(1.2, 0.8)),
    engagementPropensity: random.uniform(0.15, 0.5),
    channels: drawChannelPreferences(random, features),
  };
}

/**
 * Logistic weights per action over the encoded context: a base rate around 4 % and three
 * to five features that matter, with random signs, so the best action depends on the customer.
 */
function drawActionWeights(random: SeededRandom, dimension: number): Float64Array[] {
  return ACTION_NAMES.map(() => {
    const w = new Float64Array(dimension);
    w[0] = log(0.03 / 0.97) + random.normal(0, 0.3);
    const relevant = 3 + random.below(3);
    for (let k = 0; k < relevant; k++) {
      const feature = 1 + random.below(dimension - 1);
      w[feature] = (w[feature] ?? 0) + random.normal(0, 0.5);
    }
    return w;
  });
}

export function sigmoid(x: number): number {
  return 1 / (1 + exp(-x));
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function clamp(x: number, lower: number, upper: number): number {
  return min(upper, max(lower, x));
}

import type { ProfileSummary } from '@meridian/learning';
import type { SeededRandom } from '@meridian/random';
import { sigmoid, weightedItem } from './random';
import { WINDOW_DAYS } from './settings';

/** Held locally: a global `Math` lookup is slow inside Jest's VM context. */
const { exp, max, min } = Math;

/**
 * The ground truth. Each customer has two latent traits the models never see — purchase
 * propensity `affinity` and `engagement`, both standard normal — and a country. Every day a
 * customer may visit (viewing products, adding to the cart), open and click the weekly email,
 * and order. The daily order probability is a known logistic function:
 *
 *   logit h = −4.7 + 1.0·affinity + 0.35·engagement + country
 *             + 1.4·cycle(recency)            a repurchase cycle peaking 28 days after an order
 *             − 0.8·[recency < 3]             just bought: not again yet
 *             + 0.25·min(orders, 4)           loyalty, saturating
 *             + 0.9·[tenure < 14 days]        the welcome weeks
 *
 * so the 7-day purchase probability the oracle knows is 1 − Π (1 − h) over the next seven
 * days (recency and tenure only advance until the first order, which is all that counts).
 * The models see only behaviour: trailing 30-day counts of views, cart adds, email opens and
 * clicks — driven by the latent traits and by the cycle — and recency, frequency, money,
 * tenure and country. The nonlinear cycle, the saturation and the unseen traits are what
 * make the task not trivial.
 */
export const COUNTRIES: readonly (readonly [string, number])[] = [
  ['UK', 0.4],
  ['US', 0.3],
  ['DE', 0.2],
  ['FR', 0.1],
];
const COUNTRY_EFFECT: Readonly<Record<string, number>> = { UK: 0, US: 0.3, DE: -0.3, FR: -0.6 };

/** Days of behaviour the trailing counts cover. */
export const TRAILING_DAYS = 30;

export interface Customer {
  readonly id: string;
  readonly affinity: number;
  readonly engagement: number;
  readonly country: string;
  readonly firstSeenDay: number;
  /** The weekday (0–6) the weekly email goes out. */
  readonly emailWeekday: number;
  lastOrderDay: number | null;
  orders: number;
  spent: number;
  /** Per-day counts over the trailing window, as ring buffers indexed by day mod 30. */
  readonly views: Int32Array;
  readonly adds: Int32Array;
  readonly opens: Int32Array;
  readonly clicks: Int32Array;
}

export function createPopulation(
  random: SeededRandom,
  size: number,
  firstDay: number,
  lastDay: number,
): Customer[] {
  return Array.from({ length: size }, (_, index) => ({
    id: `customer-${index}`,
    affinity: random.normal(),
    engagement: random.normal(),
    country: weightedItem(random, COUNTRIES),
    // Most customers are there from the start; a fifth join during the simulation.
    firstSeenDay: random.chance(0.8)
      ? firstDay - random.int(0, 365)
      : random.int(firstDay, lastDay),
    emailWeekday: random.int(0, 6),
    lastOrderDay: null,
    orders: 0,
    spent: 0,
    views: new Int32Array(TRAILING_DAYS),
    adds: new Int32Array(TRAILING_DAYS),
    opens: new Int32Array(TRAILING_DAYS),
    clicks: new Int32Array(TRAILING_DAYS),
  }));
}

export function isActive(customer: Customer, day: number): boolean {
  return customer.firstSeenDay <= day;
}

/** The repurchase cycle: a bump around 28 days after the last order. */
function cycle(recency: number | null): number {
  if (recency === null) return 0;
  const distance = (recency - 28) / 7;
  return exp(-0.5 * distance * distance);
}

/** The true probability of an order on `day`, had there been none since the state was read. */
export function dailyOrderProbability(customer: Customer, day: number): number {
  const recency = customer.lastOrderDay === null ? null : day - customer.lastOrderDay;
  const logit =
    -4.7 +
    1.0 * customer.affinity +
    0.35 * customer.engagement +
    (COUNTRY_EFFECT[customer.country] ?? 0) +
    1.4 * cycle(recency) -
    (recency !== null && recency < 3 ? 0.8 : 0) +
    0.25 * min(customer.orders, 4) +
    (day - customer.firstSeenDay < 14 ? 0.9 : 0);
  return sigmoid(logit);
}

/** The oracle: the probability of at least one order on days day … day + 6. */
export function trueWindowProbability(customer: Customer, day: number): number {
  let none = 1;
  for (let offset = 0; offset < WINDOW_DAYS; offset++) {
    none *= 1 - dailyOrderProbability(customer, day + offset);
  }
  return 1 - none;
}

/** Lives one day; returns the order's amount if the customer ordered (at midday). */
export function liveDay(random: SeededRandom, customer: Customer, day: number): number | null {
  const slot = ((day % TRAILING_DAYS) + TRAILING_DAYS) % TRAILING_DAYS;
  customer.views[slot] = 0;
  customer.adds[slot] = 0;
  customer.opens[slot] = 0;
  customer.clicks[slot] = 0;
  const recency = customer.lastOrderDay === null ? null : day - customer.lastOrderDay;
  const bump = cycle(recency);
  const { affinity, engagement } = customer;
  if (random.chance(sigmoid(-1.6 + 0.9 * affinity + 0.6 * engagement + 1.0 * bump))) {
    customer.views[slot] = 1 + random.poisson(1.5 + max(0, affinity));
    if (random.chance(sigmoid(-1.8 + 0.8 * affinity + 1.0 * bump))) customer.adds[slot] = 1;
  }
  if (
    ((day % 7) + 7) % 7 === customer.emailWeekday &&
    random.chance(sigmoid(-0.7 + 1.1 * engagement))
  ) {
    customer.opens[slot] = 1;
    if (random.chance(sigmoid(-1.3 + 0.6 * affinity + 0.4 * engagement))) customer.clicks[slot] = 1;
  }
  if (!random.chance(dailyOrderProbability(customer, day))) return null;
  const amount = Math.round(exp(3.6 + 0.25 * affinity + 0.4 * random.normal()) * 100) / 100;
  customer.lastOrderDay = day;
  customer.orders++;
  customer.spent += amount;
  return amount;
}

/** What the scoring service would know at the start of `day` (behaviour up to yesterday). */
export function summarise(customer: Customer, day: number): ProfileSummary {
  return {
    recencyDays: customer.lastOrderDay === null ? null : day - customer.lastOrderDay,
    frequency: customer.orders,
    monetary: customer.spent,
    daysSinceFirstSeen: day - customer.firstSeenDay,
    eventCounts: { 'Product Viewed': sum(customer.views), 'Product Added': sum(customer.adds) },
    emailOpens: sum(customer.opens),
    emailClicks: sum(customer.clicks),
    attributes: { country: customer.country },
  };
}

function sum(values: Int32Array): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index] ?? 0;
  return total;
}

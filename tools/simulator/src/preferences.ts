import type { ContextValues } from '@meridian/learning';
import type { SeededRandom } from '@meridian/random';

// Module-level aliases: these run per decision, and inside Jest's vm sandbox every lookup of a
// global (Math, Number) costs hundreds of times more than a module constant.
const { abs, exp, max, min } = Math;

export const CHANNELS = ['email', 'push', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Engagement per message by channel across the population, before personal preference. */
const BASE_CHANNEL_RATES: Record<Channel, number> = { email: 0.15, push: 0.12, sms: 0.1 };

export interface ChannelPreferences {
  /** True engagement probability of one message per channel. */
  readonly rates: Readonly<Record<Channel, number>>;
  /** Channels the customer can be reached on (opt-ins, tokens, phone numbers). */
  readonly reachable: readonly Channel[];
  /** The reachable channel with the highest true rate: the ground truth to find. */
  readonly best: Channel;
}

/** Fixed offsets (minutes east of UTC) and how common they are among the customers. */
const TIME_ZONES: readonly (readonly [number, number])[] = [
  [-480, 0.1],
  [-300, 0.25],
  [0, 0.2],
  [60, 0.25],
  [330, 0.1],
  [540, 0.1],
];

/** How long after receipt a message still gets engaged with: weights of the next hours. */
const RESPONSE_LAG_WEIGHTS = [0.4, 0.3, 0.2, 0.1];
/** Share of engagement with a message that does not depend on when it arrives. */
const TIMING_FREE_SHARE = 0.5;

export function drawTimeZone(random: SeededRandom): number {
  const index = random.weightedIndex(TIME_ZONES.map(([, weight]) => weight));
  return TIME_ZONES[index]?.[0] ?? 0;
}

/**
 * A customer's relative activity per local hour of the week (max 1): one or two daily peaks
 * drawn around the population's morning, lunch and evening habits, with their own widths,
 * shifted later and scaled at weekends, over a low background.
 */
export function drawActivity(random: SeededRandom): Float64Array {
  const modes = [
    { hour: 8, spread: 1, weight: 0.3 },
    { hour: 12.5, spread: 0.7, weight: 0.2 },
    { hour: 20, spread: 1.5, weight: 0.5 },
  ];
  const peakCount = random.chance(0.4) ? 2 : 1;
  const peaks = Array.from({ length: peakCount }, (_, i) => {
    const mode = modes[random.weightedIndex(modes.map((m) => m.weight))] ?? { hour: 20, spread: 1 };
    return {
      hour: mode.hour + random.normal(0, mode.spread),
      width: random.uniform(1, 2.5),
      height: i === 0 ? 1 : random.uniform(0.3, 0.8),
    };
  });
  const weekendShift = random.uniform(0, 2.5);
  const weekendScale = random.uniform(0.5, 1.3);
  const activity = new Float64Array(168);
  for (let slot = 0; slot < 168; slot++) {
    const weekend = slot >= 5 * 24;
    const hour = (slot % 24) + 0.5;
    let level = 0.05;
    for (const peak of peaks) {
      const distance = circularDistance(hour, peak.hour + (weekend ? weekendShift : 0));
      level += peak.height * exp(-(distance * distance) / (2 * peak.width * peak.width));
    }
    activity[slot] = weekend ? level * weekendScale : level;
  }
  const peakLevel = activity.reduce((m, v) => max(m, v), 0);
  return activity.map((v) => v / peakLevel);
}

/**
 * True chance that a message arriving in local `slot` is engaged with: the customer's
 * propensity times a part that does not depend on timing (messages get read eventually) plus a
 * part that follows their activity over the next few hours (people read a little after
 * arrival, so this is smoother than the raw activity). The timing-free half keeps the possible
 * gain of timing realistic: the best hour is worth about 1.5× a random one, not 4×.
 */
export function engagementChance(
  propensity: number,
  activity: ArrayLike<number>,
  slot: number,
): number {
  let level = 0;
  RESPONSE_LAG_WEIGHTS.forEach((weight, lag) => {
    level += weight * (activity[(slot + lag) % 168] ?? 0);
  });
  return propensity * (TIMING_FREE_SHARE + (1 - TIMING_FREE_SHARE) * level);
}

export function drawChannelPreferences(
  random: SeededRandom,
  features: ContextValues,
): ChannelPreferences {
  const preferred = CHANNELS[random.weightedIndex([0.45, 0.35, 0.2])] ?? 'email';
  const rate = (channel: Channel) => {
    const lift = channel === preferred ? random.uniform(2, 4) : random.uniform(0.3, 1);
    return min(0.9, BASE_CHANNEL_RATES[channel] * lift);
  };
  const rates: Record<Channel, number> = {
    email: rate('email'),
    push: rate('push'),
    sms: rate('sms'),
  };
  const reachable = CHANNELS.filter((channel) =>
    channel === 'email'
      ? features.emailOptIn === true
      : channel === 'push'
        ? features.pushOptIn === true
        : random.chance(0.5),
  );
  const reachableOrEmail: readonly Channel[] = reachable.length > 0 ? reachable : ['email'];
  const best = reachableOrEmail.reduce((a, b) => (rates[b] > rates[a] ? b : a));
  return { rates, reachable: reachableOrEmail, best };
}

function circularDistance(a: number, b: number): number {
  const d = abs(a - b) % 24;
  return min(d, 24 - d);
}

import { z } from 'zod';
import { checkSlot, HOUR_MS, HOURS_PER_WEEK, hourOfWeekSlot, localHourStart } from './hour-of-week';

// Module-level aliases: these run per decision, and inside Jest's vm sandbox every lookup of a
// global (Math, Number) costs hundreds of times more than a module constant.
const isFiniteNumber = Number.isFinite;

/** Engagement events (opens, clicks, sessions) counted by local hour of the week. */
const SlotCounts = z
  .array(z.number().nonnegative())
  .length(HOURS_PER_WEEK, { message: `must hold ${HOURS_PER_WEEK} hour-of-week counts` });

export const SendTimeProfile = z.object({
  engagements: SlotCounts,
  /** Minutes east of UTC of the profile's time zone; slots are local hours. */
  utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
});
export type SendTimeProfile = z.infer<typeof SendTimeProfile>;

/** Every profile's local-slot counts added up. */
export const SendTimePopulation = z.object({ engagements: SlotCounts });
export type SendTimePopulation = z.infer<typeof SendTimePopulation>;

export const SendTimeOptions = z.object({
  /** Pseudo-events pulling the profile's hour-of-day pattern towards the population's. */
  dayPriorStrength: z.number().positive().default(12),
  /** Pseudo-events pulling the profile's 168 slots towards its own hour-of-day pattern. */
  weekPriorStrength: z.number().positive().default(24),
  /** Below this many engagement events the population's best slot answers. */
  minEngagements: z.number().int().nonnegative().default(3),
  /** Only slots starting within this many hours of `from` are considered. */
  withinHours: z.number().int().min(1).max(HOURS_PER_WEEK).default(HOURS_PER_WEEK),
});
export type SendTimeOptions = z.infer<typeof SendTimeOptions>;

export interface SendTimeChoice {
  /** When to send: `from` itself if it is in the best slot, else the start of that slot. */
  readonly at: number;
  /** The chosen local hour of the week (0 = Monday 00:00). */
  readonly slot: number;
  /** Which rule answered: the profile's own estimate, or the population (too few events). */
  readonly basis: 'profile' | 'population';
  /** Estimated share of the profile's engagement that falls in the chosen slot. */
  readonly share: number;
}

export function emptySendTimeProfile(utcOffsetMinutes = 0): SendTimeProfile {
  return SendTimeProfile.parse({
    engagements: new Array<number>(HOURS_PER_WEEK).fill(0),
    utcOffsetMinutes,
  });
}

export function emptySendTimePopulation(): SendTimePopulation {
  return { engagements: new Array<number>(HOURS_PER_WEEK).fill(0) };
}

/** The profile with one more engagement at instant `at`, counted in its local slot. */
export function recordEngagement(profile: SendTimeProfile, at: number): SendTimeProfile {
  const slot = hourOfWeekSlot(at, profile.utcOffsetMinutes);
  return { ...profile, engagements: addToSlot(profile.engagements, slot, 1) };
}

/** The population with `count` more engagements in local slot `slot`. */
export function recordPopulationEngagement(
  population: SendTimePopulation,
  slot: number,
  count = 1,
): SendTimePopulation {
  return { engagements: addToSlot(population.engagements, slot, count) };
}

/**
 * The population's share of engagement per slot, with one pseudo-event per slot so that an
 * empty population is uniform and no slot is impossible.
 */
export function populationShares(population: SendTimePopulation): Float64Array {
  const engagements = checkCounts(population.engagements, 'population.engagements');
  let total = 0;
  for (let slot = 0; slot < HOURS_PER_WEEK; slot++) total += engagements[slot] ?? 0;
  const shares = new Float64Array(HOURS_PER_WEEK);
  for (let slot = 0; slot < HOURS_PER_WEEK; slot++) {
    shares[slot] = ((engagements[slot] ?? 0) + 1) / (total + HOURS_PER_WEEK);
  }
  return shares;
}

/**
 * The profile's estimated share of engagement per local slot, shrunk in two Dirichlet
 * (per slot: Beta) steps so that sparse counts borrow strength:
 * 1. its hour-of-day pattern (events pooled over the 7 days) towards the population's, with
 *    `dayPriorStrength` pseudo-events: day(h) = (D_h + κ_day·P_h) ÷ (N + κ_day);
 * 2. each of its 168 slots towards that pattern split over the days as the population splits
 *    that hour: m_s = day(h)·π_s ÷ P_h, then share_s = (c_s + κ_week·m_s) ÷ (N + κ_week).
 * With no events the estimate is the population's (π_s); with many, the profile's own c_s ÷ N.
 */
export function estimateSlotShares(
  profile: SendTimeProfile,
  population: SendTimePopulation,
  options: z.input<typeof SendTimeOptions> = {},
): Float64Array {
  return shrunkShares(profile, population, SendTimeOptions.parse(options));
}

function shrunkShares(
  profile: SendTimeProfile,
  population: SendTimePopulation,
  { dayPriorStrength, weekPriorStrength }: SendTimeOptions,
): Float64Array {
  const engagements = checkCounts(profile.engagements, 'profile.engagements');
  const pi = populationShares(population);
  const byHour = new Float64Array(24);
  const populationByHour = new Float64Array(24);
  let total = 0;
  for (let slot = 0; slot < HOURS_PER_WEEK; slot++) {
    const count = engagements[slot] ?? 0;
    byHour[slot % 24] = (byHour[slot % 24] ?? 0) + count;
    populationByHour[slot % 24] = (populationByHour[slot % 24] ?? 0) + (pi[slot] ?? 0);
    total += count;
  }
  const shares = new Float64Array(HOURS_PER_WEEK);
  for (let slot = 0; slot < HOURS_PER_WEEK; slot++) {
    const hour = slot % 24;
    const hourShare = populationByHour[hour] ?? 1;
    const day = ((byHour[hour] ?? 0) + dayPriorStrength * hourShare) / (total + dayPriorStrength);
    const prior = (day * (pi[slot] ?? 0)) / hourShare;
    shares[slot] =
      ((engagements[slot] ?? 0) + weekPriorStrength * prior) / (total + weekPriorStrength);
  }
  return shares;
}

/**
 * The next instant, from `from` on, in the slot where the profile is most likely to engage,
 * among the slots starting within `withinHours`. A profile with fewer than `minEngagements`
 * events gets the population's best slot instead (basis 'population'). Ties go to the earliest.
 */
export function bestSendTime(
  profile: SendTimeProfile,
  population: SendTimePopulation,
  from: number,
  options: z.input<typeof SendTimeOptions> = {},
): SendTimeChoice {
  const parsed = SendTimeOptions.parse(options);
  const events = checkCounts(profile.engagements, 'profile.engagements').reduce(
    (sum, count) => sum + count,
    0,
  );
  const basis = events >= parsed.minEngagements ? 'profile' : 'population';
  const shares =
    basis === 'profile' ? shrunkShares(profile, population, parsed) : populationShares(population);
  const offset = profile.utcOffsetMinutes;
  const firstSlot = hourOfWeekSlot(from, offset);
  let bestHour = 0;
  let bestShare = -1;
  for (let hour = 0; hour < parsed.withinHours; hour++) {
    const share = shares[(firstSlot + hour) % HOURS_PER_WEEK] ?? 0;
    if (share > bestShare) {
      bestShare = share;
      bestHour = hour;
    }
  }
  return {
    at: bestHour === 0 ? from : localHourStart(from, offset) + bestHour * HOUR_MS,
    slot: (firstSlot + bestHour) % HOURS_PER_WEEK,
    basis,
    share: bestShare,
  };
}

/**
 * The schemas validate stored state; this cheaper check guards the per-message path (a zod
 * parse of 168 numbers on every call would cost more than the estimate itself).
 */
function checkCounts(counts: readonly number[], field: string): readonly number[] {
  if (counts.length !== HOURS_PER_WEEK) {
    throw new RangeError(
      `${field} must hold ${HOURS_PER_WEEK} hour-of-week counts, got ${counts.length}`,
    );
  }
  for (let slot = 0; slot < HOURS_PER_WEEK; slot++) {
    const count = counts[slot];
    if (!(count !== undefined && isFiniteNumber(count) && count >= 0)) {
      throw new RangeError(`${field} must hold non-negative counts, got ${count}`);
    }
  }
  return counts;
}

function addToSlot(counts: readonly number[], slot: number, count: number): number[] {
  checkSlot(slot);
  if (!(isFiniteNumber(count) && count >= 0)) {
    throw new RangeError(`count must be a non-negative number, got ${count}`);
  }
  const next = [...counts];
  next[slot] = (next[slot] ?? 0) + count;
  return next;
}

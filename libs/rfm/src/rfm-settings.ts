import { z } from 'zod';

const Rate = z.number().min(0).max(1);
const Count = z.number().int().min(0);

/** Hyperactives: open and click (nearly) every message of the current window, and buy actively. */
export const HyperactiveSettings = z.object({
  /** Messages received in the current window, all channels together, before "every" means much. */
  minReceived: Count.min(1).default(3),
  /** Share of those messages opened (a click counts as an open: open pixels are often blocked). */
  minOpenRate: Rate.default(0.9),
  /** Share of those messages clicked. */
  minClickRate: Rate.default(0.9),
  /** Completed orders in the current window. */
  minOrders: Count.default(2),
});
export type HyperactiveSettings = z.infer<typeof HyperactiveSettings>;

/** Zombies: used to engage, dormant for six months or more. */
export const ZombieSettings = z.object({
  /** Opens + clicks over the profile's whole history that make it "used to engage". */
  minPastEngagements: Count.min(1).default(3),
  /** Whole days without an open, a click or a completed order (26 weeks: six months). */
  dormantDays: Count.min(1).default(182),
});
export type ZombieSettings = z.infer<typeof ZombieSettings>;

/** Fading Stars: were valuable, declining on every RFM dimension between the two windows. */
export const FadingStarSettings = z.object({
  /** Minimum m score (lifetime monetary quintile): the profile is among the valuable ones. */
  minMonetaryScore: z.number().int().min(1).max(5).default(4),
  /** Completed orders in the previous window: it was buying then. */
  minPreviousOrders: Count.min(1).default(2),
});
export type FadingStarSettings = z.infer<typeof FadingStarSettings>;

/** Accelerating / decelerating: the trend index of orders, net revenue and engagement. */
export const TrendSettings = z.object({
  /** |trend index| at or above which a profile accelerates (+) or decelerates (−). */
  threshold: z.number().gt(0).max(1).default(0.25),
  /** Orders + opens + clicks in the two windows together below which there is no trend (null). */
  minActivity: Count.min(1).default(2),
});
export type TrendSettings = z.infer<typeof TrendSettings>;

/**
 * A workspace's RFM settings; `RfmSettings.parse({})` gives the documented defaults (README).
 * Plain JSON without arrays, so the service can store it in the workspace document.
 */
export const RfmSettings = z.object({
  /**
   * Length of the current and of the previous window, rounded up to whole weeks (90 → 13 weeks).
   * The weekly activity series keeps two windows; raising it takes full effect after two windows.
   */
  trendWindowDays: z.number().int().min(7).max(366).default(90),
  hyperactives: HyperactiveSettings.prefault({}),
  zombies: ZombieSettings.prefault({}),
  fadingStars: FadingStarSettings.prefault({}),
  trend: TrendSettings.prefault({}),
});
export type RfmSettings = z.infer<typeof RfmSettings>;

export const DEFAULT_RFM_SETTINGS: RfmSettings = RfmSettings.parse({});

/** The window length in whole weeks: windows are aligned on UTC weeks (Monday 00:00). */
export function trendWindowWeeks(settings: Pick<RfmSettings, 'trendWindowDays'>): number {
  return Math.ceil(settings.trendWindowDays / 7);
}

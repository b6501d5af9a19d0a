import { z } from 'zod';
import { activityWindowsOf, type ActivityWindows, type WindowActivity } from './activity-windows';
import type { CustomerFacts } from './customer-facts';
import { lastEngagedAtOf, ratesOf } from './engagement';
import { epochMsOf, WEEK_MS, wholeDaysBetween, type Instant } from './instant';
import type { RfmScores } from './rfm-scores';
import type { RfmSettings } from './rfm-settings';

/** Segments computed from the trend windows; a profile can be in any number of them. */
export const TREND_SEGMENTS = [
  'Hyperactives',
  'Zombies',
  'Fading Stars',
  'Accelerating',
  'Decelerating',
] as const;
export const TrendSegment = z.enum(TREND_SEGMENTS);
export type TrendSegment = z.infer<typeof TrendSegment>;

/** `trend` on the golden record; null when there is too little activity to tell. */
export const Trend = z.enum(['accelerating', 'decelerating', 'steady']);
export type Trend = z.infer<typeof Trend>;

/**
 * The trend index between the previous and the current window, in [−1, 1]: the mean, over the
 * dimensions with activity in either window (orders, net revenue, opens + clicks), of the
 * symmetric change (current − previous) / max(|current|, |previous|), clamped to [−1, 1].
 * Null when orders + opens + clicks of both windows are below `trend.minActivity`.
 */
export function trendIndexOf(windows: ActivityWindows, settings: RfmSettings): number | null {
  const { current, previous } = windows;
  const activity =
    current.orders + previous.orders + engagementsOf(current) + engagementsOf(previous);
  if (activity < settings.trend.minActivity) return null;
  const changes = [
    [current.orders, previous.orders],
    [current.netCents, previous.netCents],
    [engagementsOf(current), engagementsOf(previous)],
  ]
    .filter(([now = 0, before = 0]) => now !== 0 || before !== 0)
    .map(([now = 0, before = 0]) => {
      const change = (now - before) / Math.max(Math.abs(now), Math.abs(before));
      return Math.min(1, Math.max(-1, change));
    });
  if (changes.length === 0) return null;
  return changes.reduce((total, change) => total + change, 0) / changes.length;
}

export function trendOf(windows: ActivityWindows, settings: RfmSettings): Trend | null {
  const index = trendIndexOf(windows, settings);
  if (index === null) return null;
  if (index >= settings.trend.threshold) return 'accelerating';
  if (index <= -settings.trend.threshold) return 'decelerating';
  return 'steady';
}

/** Opens and clicks every message of the current window, and buys actively. */
export function isHyperactive(windows: ActivityWindows, settings: RfmSettings): boolean {
  const { current } = windows;
  const rule = settings.hyperactives;
  const { openRate, clickRate } = ratesOf(current);
  return (
    current.received >= rule.minReceived &&
    openRate !== null &&
    openRate >= rule.minOpenRate &&
    clickRate !== null &&
    clickRate >= rule.minClickRate &&
    current.orders >= rule.minOrders
  );
}

/**
 * Used to engage (lifetime opens + clicks ≥ minPastEngagements) and dormant: no open, click or
 * completed order for dormantDays whole days or more.
 */
export function isZombie(facts: CustomerFacts, asOf: Instant, settings: RfmSettings): boolean {
  const now = epochMsOf(asOf, 'asOf');
  const rule = settings.zombies;
  const engagements = facts.channels.reduce(
    (sum, totals) => sum + totals.opened + totals.clicked,
    0,
  );
  if (engagements < rule.minPastEngagements) return false;
  const lastActive = [...facts.channels.map(lastEngagedAtOf), facts.lastOrderAt]
    .filter((at) => at !== null)
    .reduce((latest, at) => Math.max(latest, at), Number.NEGATIVE_INFINITY);
  return wholeDaysBetween(lastActive, now) >= rule.dormantDays;
}

/**
 * Were valuable (m ≥ minMonetaryScore and ≥ minPreviousOrders orders in the previous window)
 * and declining on every RFM dimension: fewer orders and less net revenue in the current window
 * than in the previous one, and a worse recency (in weeks) now than at the end of the previous
 * window, i.e. no order in the last N weeks after the previous window's last order.
 */
export function isFadingStar(
  windows: ActivityWindows,
  scores: RfmScores | null,
  settings: RfmSettings,
): boolean {
  const { current, previous, weeks, asOfWeek } = windows;
  const rule = settings.fadingStars;
  if (scores === null || scores.m < rule.minMonetaryScore) return false;
  if (previous.orders < rule.minPreviousOrders || previous.lastOrderWeek === null) return false;
  const lastOrderWeek = current.lastOrderWeek ?? previous.lastOrderWeek;
  const recencyNow = asOfWeek - lastOrderWeek;
  const recencyThen = asOfWeek - weeks * WEEK_MS - previous.lastOrderWeek;
  return (
    current.orders < previous.orders &&
    current.netCents < previous.netCents &&
    recencyNow > recencyThen
  );
}

/** Every trend segment the profile is in as of asOf, in TREND_SEGMENTS order. */
export function trendSegmentsOf(
  facts: CustomerFacts,
  asOf: Instant,
  scores: RfmScores | null,
  settings: RfmSettings,
): TrendSegment[] {
  const windows = activityWindowsOf(facts, asOf, settings);
  const trend = trendOf(windows, settings);
  const membership: Record<TrendSegment, boolean> = {
    Hyperactives: isHyperactive(windows, settings),
    Zombies: isZombie(facts, asOf, settings),
    'Fading Stars': isFadingStar(windows, scores, settings),
    Accelerating: trend === 'accelerating',
    Decelerating: trend === 'decelerating',
  };
  return TREND_SEGMENTS.filter((segment) => membership[segment]);
}

function engagementsOf(window: WindowActivity): number {
  return window.opened + window.clicked;
}

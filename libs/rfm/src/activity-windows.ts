import type { CustomerFacts } from './customer-facts';
import { epochMsOf, WEEK_MS, weekStartOf, type Instant } from './instant';
import { trendWindowWeeks, type RfmSettings } from './rfm-settings';

/**
 * The two trend windows as of an instant, on whole UTC weeks: the current window is the N
 * weeks ending with the week of asOf (that last week possibly partial), the previous window
 * the N weeks before (N = ⌈trendWindowDays / 7⌉, 13 by default). Weeks after asOf's week are
 * ignored, so reading as of an earlier instant does not see later activity still in the series.
 */

/** Activity of one window, every channel together. */
export interface WindowActivity {
  readonly orders: number;
  /** Completions − refunds, integer cents. */
  readonly netCents: number;
  readonly received: number;
  readonly opened: number;
  readonly clicked: number;
  /** weekStart of the window's latest week with a completed order, null when none. */
  readonly lastOrderWeek: number | null;
}

/** Messages of one channel in the current window. */
export interface ChannelWindowActivity {
  readonly channel: string;
  readonly received: number;
  readonly opened: number;
  readonly clicked: number;
}

export interface ActivityWindows {
  /** N, the length of each window in weeks. */
  readonly weeks: number;
  /** weekStart of the week of asOf: the last week of the current window. */
  readonly asOfWeek: number;
  readonly current: WindowActivity;
  readonly previous: WindowActivity;
  readonly currentByChannel: readonly ChannelWindowActivity[];
}

export function activityWindowsOf(
  facts: CustomerFacts,
  asOf: Instant,
  settings: RfmSettings,
): ActivityWindows {
  const weeks = trendWindowWeeks(settings);
  const asOfWeek = weekStartOf(epochMsOf(asOf, 'asOf'));
  const currentStart = asOfWeek - (weeks - 1) * WEEK_MS;
  const previousStart = currentStart - weeks * WEEK_MS;
  const inRange = (from: number, to: number) => (week: { readonly weekStart: number }) =>
    week.weekStart >= from && week.weekStart <= to;
  const windowOf = (from: number, to: number): WindowActivity => {
    const orderWeeks = facts.orderWeeks.filter(inRange(from, to));
    const engagementWeeks = facts.engagementWeeks.filter(inRange(from, to));
    const withOrders = orderWeeks.filter((week) => week.orders > 0);
    return {
      orders: sum(orderWeeks, (week) => week.orders),
      netCents: sum(orderWeeks, (week) => week.netCents),
      received: sum(engagementWeeks, (week) => week.received),
      opened: sum(engagementWeeks, (week) => week.opened),
      clicked: sum(engagementWeeks, (week) => week.clicked),
      lastOrderWeek: withOrders.at(-1)?.weekStart ?? null,
    };
  };
  return {
    weeks,
    asOfWeek,
    current: windowOf(currentStart, asOfWeek),
    previous: windowOf(previousStart, currentStart - WEEK_MS),
    currentByChannel: byChannel(facts, currentStart, asOfWeek),
  };
}

function byChannel(facts: CustomerFacts, from: number, to: number): ChannelWindowActivity[] {
  return facts.channels.map(({ channel }) => {
    const weeks = facts.engagementWeeks.filter(
      (week) => week.channel === channel && week.weekStart >= from && week.weekStart <= to,
    );
    return {
      channel,
      received: sum(weeks, (week) => week.received),
      opened: sum(weeks, (week) => week.opened),
      clicked: sum(weeks, (week) => week.clicked),
    };
  });
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

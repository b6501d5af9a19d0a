import { z } from 'zod';
import { EpochMs, WEEK_MS, weekStartOf } from './instant';
import { trendWindowWeeks, type RfmSettings } from './rfm-settings';

/**
 * The weekly activity series behind the trend windows: one small object per UTC week (and per
 * channel for engagement), kept sorted, covering the last two trend windows. Arrays of objects
 * rather than nested arrays, so MongoDB stores them as they are.
 */

const Count = z.number().int().min(0);

export const Channel = z.string().trim().min(1).max(64);

/** Completed orders and net revenue (completions − refunds, integer cents) of one week. */
export const OrderWeek = z.object({
  /** Monday 00:00 UTC, epoch ms. */
  weekStart: EpochMs,
  orders: Count,
  netCents: z.number().int(),
});
export type OrderWeek = z.infer<typeof OrderWeek>;

/** Messages received, opened and clicked on one channel in one week. */
export const EngagementWeek = z.object({
  weekStart: EpochMs,
  channel: Channel,
  received: Count,
  opened: Count,
  clicked: Count,
});
export type EngagementWeek = z.infer<typeof EngagementWeek>;

/** The oldest week kept once an event at `latestEventAt` has been seen: two windows back. */
export function retentionHorizon(latestEventAt: number, settings: RfmSettings): number {
  return weekStartOf(latestEventAt) - (2 * trendWindowWeeks(settings) - 1) * WEEK_MS;
}

/** Keeps the weeks at or after `horizon` (the series is sorted, so this is a suffix). */
export function pruneWeeks<T extends { readonly weekStart: number }>(
  weeks: readonly T[],
  horizon: number,
): T[] {
  const first = weeks.findIndex((week) => week.weekStart >= horizon);
  return first === -1 ? [] : weeks.slice(first);
}

/**
 * Adds `delta` to the bucket of `key` (creating it from `empty` when absent) in a series sorted by
 * `compare`, returning a new series. Out-of-order events land in their own week.
 */
export function addToBucket<T>(
  series: readonly T[],
  probe: T,
  compare: (a: T, b: T) => number,
  add: (bucket: T) => T,
): T[] {
  let low = 0;
  let high = series.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const bucket = series[middle];
    if (bucket !== undefined && compare(bucket, probe) < 0) low = middle + 1;
    else high = middle;
  }
  const existing = series[low];
  const updated = existing !== undefined && compare(existing, probe) === 0 ? existing : undefined;
  const next = [...series];
  next.splice(low, updated ? 1 : 0, add(updated ?? probe));
  return next;
}

export function compareOrderWeeks(a: OrderWeek, b: OrderWeek): number {
  return a.weekStart - b.weekStart;
}

export function compareEngagementWeeks(a: EngagementWeek, b: EngagementWeek): number {
  return a.weekStart - b.weekStart || compareText(a.channel, b.channel);
}

/** Code-unit order, the same on every machine (localeCompare depends on the locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

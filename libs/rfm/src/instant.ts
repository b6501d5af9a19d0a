import { z } from 'zod';

/**
 * Time in this library. Every stored instant is an integer of epoch milliseconds (UTC): cheap to
 * compare and to sketch, and stored by MongoDB as a plain number. Functions accept a `Date` as
 * well, for callers that hold one.
 */
export type Instant = number | Date;

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** 1970-01-01 was a Thursday: the first Monday 00:00 UTC on or before it is three days earlier. */
const FIRST_MONDAY_MS = -3 * DAY_MS;

/** An instant as stored: integer epoch milliseconds. */
export const EpochMs = z.number().int().min(-8.64e15).max(8.64e15);
export type EpochMs = z.infer<typeof EpochMs>;

/** Epoch milliseconds of an instant, or a RangeError naming the field when it is no instant. */
export function epochMsOf(instant: Instant, field: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!EpochMs.safeParse(ms).success) {
    throw new RangeError(`${field}: not an instant (integer epoch milliseconds or a valid Date)`);
  }
  return ms;
}

/** Monday 00:00 UTC of the week holding `ms`: the key of the weekly activity buckets. */
export function weekStartOf(ms: number): number {
  return Math.floor((ms - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
}

/** Whole days from `from` to `to`, floored; never negative (see `recencyDays` in the README). */
export function wholeDaysBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / DAY_MS));
}

// Module-level aliases: these run per decision, and inside Jest's vm sandbox every lookup of a
// global (Math, Number) costs hundreds of times more than a module constant.
const { abs, floor } = Math;
const { isFinite: isFiniteNumber, isInteger } = Number;

export const HOURS_PER_WEEK = 168;
export const HOUR_MS = 3_600_000;
/** Time zone offsets in use range from UTC−12:00 to UTC+14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;
/** 1970-01-01, the epoch, was a Thursday: 3 days (72 hours) after a Monday 00:00. */
const EPOCH_HOUR_OF_WEEK = 72;
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The local hour of the week of an instant: 0 is Monday 00:00–01:00, 167 is Sunday 23:00–24:00,
 * in the time zone `utcOffsetMinutes` east of UTC (a fixed offset, e.g. 330 for India).
 */
export function hourOfWeekSlot(at: number, utcOffsetMinutes = 0): number {
  checkInstant(at);
  checkOffset(utcOffsetMinutes);
  const localHours = floor((at + utcOffsetMinutes * 60_000) / HOUR_MS);
  return mod(localHours + EPOCH_HOUR_OF_WEEK, HOURS_PER_WEEK);
}

/** The start of the local hour that contains `at` (differs from UTC's for offsets like +05:30). */
export function localHourStart(at: number, utcOffsetMinutes = 0): number {
  checkInstant(at);
  checkOffset(utcOffsetMinutes);
  return at - mod(at + utcOffsetMinutes * 60_000, HOUR_MS);
}

/** "Mon 09:00" for slot 9: for reports and explanations. */
export function slotLabel(slot: number): string {
  checkSlot(slot);
  const hour = slot % 24;
  return `${DAY_NAMES[floor(slot / 24)] ?? '?'} ${String(hour).padStart(2, '0')}:00`;
}

export function checkSlot(slot: number): void {
  if (!(isInteger(slot) && slot >= 0 && slot < HOURS_PER_WEEK)) {
    throw new RangeError(`slot must be an integer in [0, ${HOURS_PER_WEEK}), got ${slot}`);
  }
}

function checkInstant(at: number): void {
  if (!isFiniteNumber(at)) throw new RangeError(`instant must be finite, got ${at}`);
}

function checkOffset(utcOffsetMinutes: number): void {
  if (!(isInteger(utcOffsetMinutes) && abs(utcOffsetMinutes) <= MAX_OFFSET_MINUTES)) {
    throw new RangeError(
      `utcOffsetMinutes must be an integer within ±${MAX_OFFSET_MINUTES}, got ${utcOffsetMinutes}`,
    );
  }
}

function mod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

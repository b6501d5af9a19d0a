export { hourOfWeekSlot, HOURS_PER_WEEK, localHourStart, slotLabel } from './hour-of-week';
export * from './send-time';

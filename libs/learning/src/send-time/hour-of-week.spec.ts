import { hourOfWeekSlot, localHourStart, slotLabel } from './hour-of-week';

const MONDAY = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday.
const HOUR = 3_600_000;

describe('hourOfWeekSlot', () => {
  it('counts hours from Monday 00:00 in UTC', () => {
    expect(hourOfWeekSlot(MONDAY)).toBe(0);
    expect(hourOfWeekSlot(MONDAY + 9 * HOUR + 59 * 60_000)).toBe(9);
    expect(hourOfWeekSlot(MONDAY - 1)).toBe(167);
    expect(hourOfWeekSlot(Date.UTC(1970, 0, 1))).toBe(72);
  });

  it('maps an instant into the local slot of the time zone offset', () => {
    // 15:00 UTC Monday is 00:00 Tuesday in Tokyo (+09:00)…
    expect(hourOfWeekSlot(MONDAY + 15 * HOUR, 540)).toBe(24);
    // …03:00 UTC Monday is 22:00 Sunday in New York (−05:00)…
    expect(hourOfWeekSlot(MONDAY + 3 * HOUR, -300)).toBe(166);
    // …and 00:00 UTC Monday is 05:30 Monday in India (+05:30).
    expect(hourOfWeekSlot(MONDAY, 330)).toBe(5);
  });

  it('finds the start of the local hour, on the half hour for +05:30', () => {
    expect(localHourStart(MONDAY + 20 * 60_000, 330)).toBe(MONDAY - 30 * 60_000);
    expect(localHourStart(MONDAY + 40 * 60_000, 330)).toBe(MONDAY + 30 * 60_000);
    expect(localHourStart(MONDAY + 40 * 60_000)).toBe(MONDAY);
  });

  it('labels slots by local day and hour', () => {
    expect(slotLabel(0)).toBe('Mon 00:00');
    expect(slotLabel(24 + 9)).toBe('Tue 09:00');
    expect(slotLabel(167)).toBe('Sun 23:00');
  });

  it('rejects offsets beyond ±14 hours and slots outside the week', () => {
    expect(() => hourOfWeekSlot(MONDAY, 900)).toThrow(/utcOffsetMinutes/);
    expect(() => hourOfWeekSlot(Number.NaN)).toThrow(/instant/);
    expect(() => slotLabel(168)).toThrow(/slot/);
  });
});

import type { EventsResolvedV1 } from '@meridian/contracts';
import type { ProfileEventFacts } from './model-profile';

const MAX_ATTRIBUTE_LENGTH = 100;
const MAX_OFFSET_MINUTES = 14 * 60;
const OFFSET = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/;

/**
 * What the models read from a resolved event: its time (the call's corrected timestamp, as
 * RFM reads it), the event name and `properties.revenue` of a track call, the traits named in
 * MODELS_PROPENSITY_TRAITS that are short strings, and the UTC offset of `context.timezone`
 * at that time (unknown or invalid zones give null).
 */
export function readProfileEvent(
  event: EventsResolvedV1,
  traits: readonly string[],
): ProfileEventFacts {
  const { call, profile } = event.payload;
  const at = Date.parse(call.timestamp);
  const track = call.type === 'track' ? call : null;
  const attributes = traits.flatMap((name) => {
    const value = profile.traits[name];
    return typeof value === 'string' && value.length > 0 && value.length <= MAX_ATTRIBUTE_LENGTH
      ? [{ name, value }]
      : [];
  });
  const timeZone = call.context['timezone'];
  return {
    id: event.id,
    at,
    name: track?.event ?? null,
    revenue: revenueOf(track?.properties['revenue']),
    attributes,
    utcOffsetMinutes: typeof timeZone === 'string' ? utcOffsetMinutes(timeZone, at) : null,
  };
}

function revenueOf(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return 0;
}

/**
 * The offset of an IANA time zone (`Europe/Paris`) at an instant, in minutes east of UTC; null
 * for a zone the runtime does not know. Send-time slots are local hours, and a fixed offset
 * per profile is what they count in (it follows daylight saving as events arrive).
 */
export function utcOffsetMinutes(timeZone: string, at: number): number | null {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
  } catch (error) {
    // Intl refuses unknown zones with a RangeError: the event simply says nothing usable.
    if (error instanceof RangeError) return null;
    throw error;
  }
  const match = OFFSET.exec(name ?? '');
  if (match === null) return null;
  const [, sign, hours, minutes] = match;
  if (sign === undefined) return 0;
  const offset = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0));
  return Math.abs(offset) <= MAX_OFFSET_MINUTES ? offset : null;
}

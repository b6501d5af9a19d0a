import type { Identifier } from '../events/profile-snapshot';
import type { SegmentCall } from './call';

/** The type an entry of `context.externalIds` gets: `external:<its type>`. */
export const EXTERNAL_ID_PREFIX = 'external:';

/**
 * Every identifier a Segment call names its person by, as sent (neither normalised nor
 * filtered): userId, anonymousId, the email and phone of an identify's traits and of any
 * call's context.traits, context.device.id as deviceId, and each context.externalIds entry
 * as `external:<type>`. Group traits describe the group, so they are left out. Identity
 * resolves profiles by these; ingestion matches suppressions against them.
 */
export function identifiersNamedBy(call: SegmentCall): Identifier[] {
  const found: Identifier[] = [];
  if (call.userId) found.push({ type: 'userId', value: call.userId });
  if (call.anonymousId) found.push({ type: 'anonymousId', value: call.anonymousId });
  const traitBags = [call.type === 'identify' ? call.traits : undefined, call.context['traits']];
  for (const type of ['email', 'phone'] as const) {
    for (const traits of traitBags) {
      const value = stringAt(traits, type);
      if (value !== undefined) found.push({ type, value });
    }
  }
  const deviceId = stringAt(call.context['device'], 'id');
  if (deviceId !== undefined) found.push({ type: 'deviceId', value: deviceId });
  const externalIds = call.context['externalIds'];
  if (Array.isArray(externalIds)) {
    for (const entry of externalIds) {
      const id = stringAt(entry, 'id');
      const type = stringAt(entry, 'type');
      if (id !== undefined && type) found.push({ type: `${EXTERNAL_ID_PREFIX}${type}`, value: id });
    }
  }
  return found;
}

function stringAt(bag: unknown, key: string): string | undefined {
  if (typeof bag !== 'object' || bag === null || Array.isArray(bag)) return undefined;
  const value: unknown = Object.getOwnPropertyDescriptor(bag, key)?.value;
  return typeof value === 'string' ? value : undefined;
}

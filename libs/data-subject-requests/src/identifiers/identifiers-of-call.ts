import {
  EXTERNAL_ID_PREFIX,
  identifiersNamedBy,
  type Identifier,
  type SegmentCall,
} from '@meridian/contracts';
import { normaliseIdentifier } from './subject-identifier';

/**
 * Every identifier an admitted call names its person by (identifiersNamedBy), normalised as
 * a request's are, with an externalIds entry under its own type (a request names `crm_id`,
 * not `external:crm_id`) and an alias' previousId as either id. The call has been through
 * hygiene, so its trait emails and phones are already in stored form; normalising them again
 * is cheap insurance for emails and skipped for phones (parsing is the costly part).
 */
export function identifiersOfCall(call: SegmentCall): Identifier[] {
  const found: Identifier[] = identifiersNamedBy(call).map((identifier) => {
    if (identifier.type === 'email')
      return { type: 'email', value: identifier.value.trim().toLowerCase() };
    if (!identifier.type.startsWith(EXTERNAL_ID_PREFIX)) return identifier;
    const external = {
      type: identifier.type.slice(EXTERNAL_ID_PREFIX.length),
      value: identifier.value,
    };
    const normalised = normaliseIdentifier(external);
    return normalised.ok ? normalised.identifier : external;
  });
  if (call.type === 'alias') {
    found.push({ type: 'userId', value: call.previousId });
    found.push({ type: 'anonymousId', value: call.previousId });
  }
  return found.filter((identifier) => identifier.value.length > 0);
}

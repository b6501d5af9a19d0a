import { EXTERNAL_ID_PREFIX, type Identifier } from '@meridian/contracts';
import { IDENTIFIER_TYPES, normalizeIdentifier } from '../profiles';

/** A profile a deletion request covers, and the partition whose owner alone may erase it. */
export interface ErasureTarget {
  readonly profileId: string;
  readonly partition: number;
}

function isIdentityType(type: string): boolean {
  return IDENTIFIER_TYPES.some((known) => known === type);
}

/**
 * The identifiers identity may keep a deletion request's person under. A request names them
 * as ingestion stores them, and an externalIds entry under its own type (`crm_id`), which
 * identity keeps as `external:crm_id`; ingestion also matches a request's userId, email…
 * against externalIds entries of that type, so standard types are looked up in both forms.
 * Values get identity's normalisation, so they meet the stored ones however the request
 * spelled them. A form identity never stores simply finds nothing.
 */
export function lookupIdentifiersOf(requested: readonly Identifier[]): Identifier[] {
  const lookups = new Map<string, Identifier>();
  const add = (identifier: Identifier) =>
    lookups.set(`${identifier.type}\u0000${identifier.value}`, identifier);
  for (const identifier of requested) {
    if (isIdentityType(identifier.type)) add(normalizeIdentifier(identifier));
    if (!identifier.type.startsWith(EXTERNAL_ID_PREFIX))
      add({ type: `${EXTERNAL_ID_PREFIX}${identifier.type}`, value: identifier.value });
  }
  return [...lookups.values()];
}

/**
 * The distinct profiles found, by profile id, so the same request always makes the same
 * commands in the same order; for a profile found twice the first finding's partition is
 * kept (the caller lists profile documents before index entries). The owner checks it
 * against the stored profile before erasing anything.
 */
export function erasureTargetsOf(found: readonly ErasureTarget[]): ErasureTarget[] {
  const targets = new Map<string, ErasureTarget>();
  for (const { profileId, partition } of found) {
    if (!targets.has(profileId)) targets.set(profileId, { profileId, partition });
  }
  return [...targets.values()].sort((a, b) => (a.profileId < b.profileId ? -1 : 1));
}

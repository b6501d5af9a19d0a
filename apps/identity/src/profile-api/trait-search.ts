import { defineCollection, type CollectionDefinition } from '@meridian/persistence';
import { z } from 'zod';
import { isPiiTrait } from '../profiles';

/**
 * A trait the API can search by: a top-level trait key without '.' or '$' (which could not be
 * stored anyway), so `traits.<name>` is a plain path in a query and an index key.
 */
export const TraitName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a trait name is 1 to 64 letters, digits, "_" or "-"');
export type TraitName = z.infer<typeof TraitName>;

/** `email,plan` → ['email', 'plan']; blanks dropped, repeats once. */
export const TraitNameList = z
  .string()
  .transform((list) => [
    ...new Set(
      list
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name.length > 0),
    ),
  ])
  .pipe(z.array(TraitName).max(32, 'at most 32 searchable traits'));

/**
 * The indexes that make trait search an index scan on MongoDB: one per searchable trait,
 * (workspaceId, traits.<name>, _id), so equality on the trait plus the id cursor and order
 * are all in the index. A wildcard index (`traits.$**`) would serve every trait, but FerretDB
 * 1.24 accepts its creation and then fails every insert into the collection, so the traits
 * are listed (PROFILE_SEARCH_TRAITS). FerretDB itself does not push these filters down and
 * scans the workspace's profiles either way.
 */
export function traitSearchIndexes(
  profilesCollection: string,
  traits: readonly TraitName[],
): CollectionDefinition {
  return defineCollection({
    name: profilesCollection,
    // A PII trait is encrypted: it is searched by blind index, which has an index of its own.
    indexes: traits
      .filter((trait) => !isPiiTrait(trait))
      .map((trait) => ({
        name: `trait_${trait}`,
        key: { workspaceId: 1, [`traits.${trait}`]: 1, _id: 1 },
      })),
  });
}

/** A scalar a stored trait may equal. */
export type TraitValue = string | number | boolean;

/**
 * What a searched value matches: the string itself, and the number or boolean it spells, as
 * traits keep the JSON type they were sent with ("42" finds both "42" and 42).
 */
export function traitValueCandidates(value: string): TraitValue[] {
  const candidates: TraitValue[] = [value];
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(value)) {
    const number = Number(value);
    if (Number.isFinite(number)) candidates.push(number);
  }
  if (value === 'true' || value === 'false') candidates.push(value === 'true');
  return candidates;
}

import { JsonObject } from '@meridian/contracts';
import type { Database } from '@meridian/persistence';
import type { PersonRecord } from '@meridian/record-linkage';
import { emptyProfile, profilesCollection, type Profile } from '../../profiles';
import { matchKeysOf } from '../../profiles';

/** A profile for a spec to store: its id, partition, creation time and PII. */
export interface SeededPerson {
  readonly profileId: string;
  readonly partition: number;
  readonly createdAt: string;
  readonly record: PersonRecord;
}

type SeededDocument = Omit<Profile, 'profileId'> & { _id: string; matchKeys: string[] };

/** A PersonRecord as identify traits carry it (Segment's reserved names), without gaps. */
export function traitsOf(record: PersonRecord): JsonObject {
  return JsonObject.parse(JSON.parse(JSON.stringify(record)));
}

const BATCH = 200;

/**
 * Stores live profiles with the given PII and their `matchKeys`, as resolution will once it
 * writes them on every save, so a spec can fill a workspace with a thousand people quickly
 * (in batches, straight into the collection).
 */
export async function seedProfiles(
  db: Database,
  workspaceId: string,
  people: readonly SeededPerson[],
): Promise<void> {
  const documents = people.map((person): SeededDocument => {
    const traits = traitsOf(person.record);
    const { profileId, ...fields } = emptyProfile({
      profileId: person.profileId,
      workspaceId,
      partition: person.partition,
      now: person.createdAt,
    });
    return { _id: profileId, ...fields, traits, revision: 1, matchKeys: matchKeysOf(traits) };
  });
  const profiles = db.collection<SeededDocument>(profilesCollection.name);
  for (let start = 0; start < documents.length; start += BATCH)
    await profiles.insertMany(documents.slice(start, start + BATCH));
}

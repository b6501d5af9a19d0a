import { JsonObject } from '@meridian/contracts';
import type { Database } from '@meridian/persistence';
import type { PersonRecord } from '@meridian/record-linkage';
import {
  emptyProfile,
  profilesCollection,
  sealProfile,
  type ProfileDocument,
  type ProfilePii,
} from '../../profiles';

/** A profile for a spec to store: its id, partition, creation time and PII. */
export interface SeededPerson {
  readonly profileId: string;
  readonly partition: number;
  readonly createdAt: string;
  readonly record: PersonRecord;
}

/** A PersonRecord as identify traits carry it (Segment's reserved names), without gaps. */
export function traitsOf(record: PersonRecord): JsonObject {
  return JsonObject.parse(JSON.parse(JSON.stringify(record)));
}

const BATCH = 200;

/**
 * Stores live profiles with the given PII, sealed as ProfileRepository.save seals them (PII
 * encrypted with `pii`, the service's own, blind-indexed match keys), so a spec can fill a
 * workspace with a thousand people quickly (in batches, straight into the collection).
 */
export async function seedProfiles(
  db: Database,
  pii: ProfilePii,
  workspaceId: string,
  people: readonly SeededPerson[],
): Promise<void> {
  const documents = people.map((person): ProfileDocument => {
    const profile = emptyProfile({
      profileId: person.profileId,
      workspaceId,
      partition: person.partition,
      now: person.createdAt,
    });
    return sealProfile(pii, { ...profile, traits: traitsOf(person.record), revision: 1 });
  });
  const profiles = db.collection<ProfileDocument>(profilesCollection.name);
  for (let start = 0; start < documents.length; start += BATCH)
    await profiles.insertMany(documents.slice(start, start + BATCH));
}

import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import { StaleProfileError } from './errors';
import { Profile } from './profile.model';
import { profilesCollection } from './profile.collections';

/** A profile as stored: the profile id is the document `_id`. */
export type ProfileDocument = Omit<Profile, 'profileId'> & { _id: string };

/**
 * Golden records. Writes are read-modify-write guarded by `revision`: the write names the
 * revision it was computed from and fails when the stored profile has moved on.
 */
@Injectable()
export class ProfileRepository {
  private readonly profiles: BaseRepository<ProfileDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.profiles = new BaseRepository<ProfileDocument>(db, profilesCollection);
  }

  async findById(workspaceId: string, profileId: string): Promise<Profile | null> {
    const document = await this.profiles.findOne(workspaceId, { _id: profileId });
    if (document === null) return null;
    const { _id, ...fields } = document;
    return Profile.parse({ ...fields, profileId: _id });
  }

  /**
   * Stores `profile`, which was computed from the stored revision `profile.revision - 1`:
   * inserted when that is 0 (a new profile), else replaced only if still at that revision.
   * Throws StaleProfileError when the guard fails (or DuplicateKeyError for a second insert).
   */
  async save(profile: Profile): Promise<void> {
    const { profileId, ...fields } = profile;
    const expectedRevision = profile.revision - 1;
    if (expectedRevision === 0) {
      await this.profiles.insertOne(profile.workspaceId, { _id: profileId, ...fields });
      return;
    }
    const result = await this.profiles.updateOne(
      profile.workspaceId,
      { _id: profileId, revision: expectedRevision },
      { $set: fields },
    );
    if (result.matchedCount === 0) throw new StaleProfileError(profileId, expectedRevision);
  }
}

import { Injectable } from '@nestjs/common';
import {
  BaseRepository,
  DuplicateKeyError,
  InjectDatabase,
  type Database,
} from '@meridian/persistence';
import { profileFeaturesCollection } from './profile-features.collection';
import { profileFeaturesId, type ProfileFeatures } from './profile-features';

/**
 * Someone saved the profile since we read it. With one writer per partition this means a
 * bug or a partition handed over mid-flight; the handler throws, the message is retried and
 * re-reads the current document.
 */
export class RevisionConflictError extends Error {
  constructor(
    workspaceId: string,
    profileId: string,
    expectedRevision: number,
    options?: ErrorOptions,
  ) {
    super(
      `profile features ${workspaceId}|${profileId} changed since revision ${expectedRevision} was read`,
      options,
    );
    this.name = 'RevisionConflictError';
  }
}

@Injectable()
export class ProfileFeaturesRepository extends BaseRepository<ProfileFeatures> {
  constructor(@InjectDatabase() db: Database) {
    super(db, profileFeaturesCollection);
  }

  async findProfile(workspaceId: string, profileId: string): Promise<ProfileFeatures | null> {
    return this.findOne(workspaceId, { _id: profileFeaturesId(workspaceId, profileId) });
  }

  /**
   * Stores `next` if the stored revision is still `next.revision - 1` (absent for the first
   * save); throws RevisionConflictError otherwise, without writing.
   */
  async saveIfUnchanged(next: ProfileFeatures): Promise<void> {
    const expectedRevision = next.revision - 1;
    if (expectedRevision === 0) {
      try {
        await this.insertOne(next.workspaceId, next);
      } catch (error) {
        if (error instanceof DuplicateKeyError) {
          throw new RevisionConflictError(next.workspaceId, next.profileId, expectedRevision, {
            cause: error,
          });
        }
        throw error;
      }
      return;
    }
    const updated = await this.updateIfUnchanged(
      next.workspaceId,
      { _id: next._id, revision: expectedRevision },
      {
        $set: {
          eventCount: next.eventCount,
          lastEventAt: next.lastEventAt,
          appliedEventIds: [...next.appliedEventIds],
          revision: next.revision,
        },
      },
    );
    if (!updated) {
      throw new RevisionConflictError(next.workspaceId, next.profileId, expectedRevision);
    }
  }
}

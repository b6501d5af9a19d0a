import { BaseRepository, type Database } from '@meridian/persistence';
import {
  erasedProfileId,
  type ErasedProfileDocument,
  erasedProfilesCollection,
} from './erased-profiles.collection';

/** Insert-only storage of one service's erased profiles; see erasedProfilesCollection. */
export class ErasedProfilesRepository {
  private readonly erased: BaseRepository<ErasedProfileDocument>;

  constructor(db: Database, collectionName: string) {
    this.erased = new BaseRepository<ErasedProfileDocument>(
      db,
      erasedProfilesCollection(collectionName),
    );
  }

  /** Records the erasure; false when the profile was recorded before (the first one stands). */
  async recordIfAbsent(erasure: {
    readonly workspaceId: string;
    readonly profileId: string;
    readonly requestId: string;
    readonly deletedRecords: number;
    readonly erasedAt: Date;
  }): Promise<boolean> {
    const { workspaceId, profileId, ...fields } = erasure;
    return this.erased.insertIfAbsent(workspaceId, {
      _id: erasedProfileId(workspaceId, profileId),
      workspaceId,
      ...fields,
    });
  }

  /** The records of those of `profileIds` that were erased in the workspace. */
  async findErased(
    workspaceId: string,
    profileIds: readonly string[],
  ): Promise<ErasedProfileDocument[]> {
    if (profileIds.length === 0) return [];
    const ids = [...new Set(profileIds.map((profileId) => erasedProfileId(workspaceId, profileId)))];
    return this.erased.find(workspaceId, { _id: { $in: ids } });
  }

  /** The records of the profiles erased for the request. */
  async findErasedFor(workspaceId: string, requestId: string): Promise<ErasedProfileDocument[]> {
    return this.erased.find(workspaceId, { requestId });
  }

  async isErased(workspaceId: string, profileId: string): Promise<boolean> {
    const found = await this.erased.findOne(workspaceId, {
      _id: erasedProfileId(workspaceId, profileId),
    });
    return found !== null;
  }
}

import { BaseRepository, type Database } from '@meridian/persistence';
import {
  erasedProfileId,
  type ErasedProfileDocument,
  erasedProfilesCollection,
} from './erased-profiles.collection';

/** One service's erased profiles, each written once and completed once; see erasedProfilesCollection. */
export class ErasedProfilesRepository {
  private readonly erased: BaseRepository<ErasedProfileDocument>;

  constructor(db: Database, collectionName: string) {
    this.erased = new BaseRepository<ErasedProfileDocument>(
      db,
      erasedProfilesCollection(collectionName),
    );
  }

  /** Records that the profile's erasure starts; false when it was recorded before. */
  async beginIfAbsent(erasure: {
    readonly workspaceId: string;
    readonly profileId: string;
    readonly requestId: string;
    readonly erasedAt: Date;
  }): Promise<boolean> {
    const { workspaceId, profileId, ...fields } = erasure;
    return this.erased.insertIfAbsent(workspaceId, {
      _id: erasedProfileId(workspaceId, profileId),
      workspaceId,
      ...fields,
      deletedRecords: null,
    });
  }

  /** Stores what the erasure deleted unless an earlier one did (the first count stands). */
  async completeIfOpen(
    workspaceId: string,
    profileId: string,
    deletedRecords: number,
  ): Promise<boolean> {
    return this.erased.updateIfUnchanged(
      workspaceId,
      { _id: erasedProfileId(workspaceId, profileId), deletedRecords: null },
      { $set: { deletedRecords } },
    );
  }

  /** The records of those of `profileIds` that were erased in the workspace. */
  async findErased(
    workspaceId: string,
    profileIds: readonly string[],
  ): Promise<ErasedProfileDocument[]> {
    if (profileIds.length === 0) return [];
    const ids = [
      ...new Set(profileIds.map((profileId) => erasedProfileId(workspaceId, profileId))),
    ];
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

import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import { rfmProfilesCollection } from './rfm.collections';
import { RfmProfileDocument, rfmProfileId } from './rfm-profile';

/**
 * Someone saved the profile since it was read. With one writer per partition this means a bug
 * or a partition handed over mid-flight; the handler throws, the message is retried and reads
 * the profile again.
 */
export class RfmRevisionConflictError extends Error {
  constructor(id: string, expectedRevision: number) {
    super(`RFM profile ${id} changed since revision ${expectedRevision} was read`);
    this.name = 'RfmRevisionConflictError';
  }
}

@Injectable()
export class RfmProfileRepository {
  private readonly profiles: BaseRepository<RfmProfileDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.profiles = new BaseRepository<RfmProfileDocument>(db, rfmProfilesCollection);
  }

  async findProfile(workspaceId: string, profileId: string): Promise<RfmProfileDocument | null> {
    const stored = await this.profiles.findOne(workspaceId, {
      _id: rfmProfileId(workspaceId, profileId),
    });
    return stored === null ? null : RfmProfileDocument.parse(stored);
  }

  /**
   * Stores `next` if the stored revision is still `next.revision - 1` (absent for the first
   * save); throws RfmRevisionConflictError otherwise, without writing.
   */
  async save(next: RfmProfileDocument): Promise<void> {
    const expectedRevision = next.revision - 1;
    if (expectedRevision === 0) {
      if (!(await this.profiles.insertIfAbsent(next.workspaceId, next)))
        throw new RfmRevisionConflictError(next._id, expectedRevision);
      return;
    }
    const saved = await this.profiles.updateIfUnchanged(
      next.workspaceId,
      { _id: next._id, revision: expectedRevision },
      {
        $set: {
          facts: next.facts,
          record: next.record,
          segments: next.segments,
          evaluatedAt: next.evaluatedAt,
          engagedMessages: next.engagedMessages,
          appliedEventIds: next.appliedEventIds,
          revision: next.revision,
        },
      },
    );
    if (!saved) throw new RfmRevisionConflictError(next._id, expectedRevision);
  }

  /** Deletes the profile's RFM state; answers how many documents it deleted (0 or 1). */
  async delete(workspaceId: string, profileId: string): Promise<number> {
    return this.profiles.deleteMany(workspaceId, { _id: rfmProfileId(workspaceId, profileId) });
  }

  /** The `_id` of the partition's profile just before `beforeId` in `_id` order; null if none. */
  async idBefore(workspaceId: string, partition: number, beforeId: string): Promise<string | null> {
    const [previous] = await this.profiles.find(
      workspaceId,
      { partition, _id: { $lt: beforeId } },
      { sort: { _id: -1 }, limit: 1 },
    );
    return previous?._id ?? null;
  }

  /** Up to `limit` profiles of one partition after `afterId` (exclusive), in `_id` order. */
  async pageOfPartition(
    workspaceId: string,
    partition: number,
    afterId: string | null,
    limit: number,
  ): Promise<RfmProfileDocument[]> {
    const filter = afterId === null ? { partition } : { partition, _id: { $gt: afterId } };
    const page = await this.profiles.find(workspaceId, filter, { sort: { _id: 1 }, limit });
    return page.map((stored) => RfmProfileDocument.parse(stored));
  }

  /** Up to `limit` profiles of the whole workspace after `afterId`, in `_id` order. */
  async pageOfWorkspace(
    workspaceId: string,
    afterId: string | null,
    limit: number,
  ): Promise<RfmProfileDocument[]> {
    const filter = afterId === null ? {} : { _id: { $gt: afterId } };
    const page = await this.profiles.find(workspaceId, filter, { sort: { _id: 1 }, limit });
    return page.map((stored) => RfmProfileDocument.parse(stored));
  }
}

import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import { ModelProfileDocument, modelProfileId } from './model-profile';
import { modelProfilesCollection } from './models.collections';

/**
 * Someone saved the profile's model inputs since they were read: with one writer per
 * partition, a bug or a partition handed over mid-flight. The event is retried and reads again.
 */
export class ModelProfileConflictError extends Error {
  constructor(id: string, expectedRevision: number) {
    super(`model profile ${id} changed since revision ${expectedRevision} was read`);
    this.name = 'ModelProfileConflictError';
  }
}

@Injectable()
export class ModelProfilesRepository {
  private readonly profiles: BaseRepository<ModelProfileDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.profiles = new BaseRepository<ModelProfileDocument>(db, modelProfilesCollection);
  }

  async find(workspaceId: string, profileId: string): Promise<ModelProfileDocument | null> {
    const stored = await this.profiles.findOne(workspaceId, {
      _id: modelProfileId(workspaceId, profileId),
    });
    return stored === null ? null : ModelProfileDocument.parse(stored);
  }

  /**
   * Stores `next` (revision already incremented) if the stored revision is still the one it
   * was read at; throws ModelProfileConflictError otherwise, without writing.
   */
  async save(next: ModelProfileDocument): Promise<void> {
    const expectedRevision = next.revision - 1;
    if (expectedRevision === 0) {
      if (!(await this.profiles.insertIfAbsent(next.workspaceId, next)))
        throw new ModelProfileConflictError(next._id, expectedRevision);
      return;
    }
    const { _id, ...fields } = next;
    const saved = await this.profiles.updateIfUnchanged(
      next.workspaceId,
      { _id, revision: expectedRevision },
      { $set: fields },
    );
    if (!saved) throw new ModelProfileConflictError(_id, expectedRevision);
  }

  /** Deletes the profile's model inputs; answers how many documents it deleted (0 or 1). */
  async delete(workspaceId: string, profileId: string): Promise<number> {
    return this.profiles.deleteMany(workspaceId, { _id: modelProfileId(workspaceId, profileId) });
  }

  /** Up to `limit` profiles of the partition with a label window closing before `before`. */
  async dueForClosing(
    workspaceId: string,
    partition: number,
    before: number,
    limit: number,
  ): Promise<ModelProfileDocument[]> {
    const due = await this.profiles.find(
      workspaceId,
      { partition, nextCloseAt: { $lt: before } },
      { sort: { nextCloseAt: 1 }, limit },
    );
    return due.map((stored) => ModelProfileDocument.parse(stored));
  }
}

import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import type { PopulationSketches } from '@meridian/rfm';
import { z } from 'zod';
import { rfmPartitionsCollection } from './rfm.collections';
import {
  newRfmPartition,
  RfmPartitionDocument,
  rfmPartitionId,
  SweepCursor,
} from './rfm-partition';

/** What start-up needs of every partition document it owns: whose, and its sweep. */
const OwnedPartition = z.object({
  workspaceId: z.string().min(1),
  partition: z.number().int().min(0),
  sweep: SweepCursor.nullable().default(null),
});
export type OwnedPartition = z.infer<typeof OwnedPartition>;

/** The partition's document is missing although it was ensured: it was deleted meanwhile. */
export class MissingPartitionDocumentError extends Error {
  constructor(id: string) {
    super(`RFM partition document ${id} is missing`);
    this.name = 'MissingPartitionDocumentError';
  }
}

/**
 * The (workspace, partition) documents. Every write is by `_id` from the partition's owner,
 * under its lock; reads of other partitions (to merge a workspace's sketches) are by `_id` too.
 */
@Injectable()
export class RfmPartitionRepository {
  private readonly partitions: BaseRepository<RfmPartitionDocument>;

  constructor(@InjectDatabase() private readonly db: Database) {
    this.partitions = new BaseRepository<RfmPartitionDocument>(db, rfmPartitionsCollection);
  }

  async find(workspaceId: string, partition: number): Promise<RfmPartitionDocument | null> {
    const stored = await this.partitions.findOne(workspaceId, {
      _id: rfmPartitionId(workspaceId, partition),
    });
    return stored === null ? null : RfmPartitionDocument.parse(stored);
  }

  /** The documents of these partitions of the workspace that exist, looked up by `_id`. */
  async findAll(
    workspaceId: string,
    partitions: readonly number[],
  ): Promise<RfmPartitionDocument[]> {
    const ids = partitions.map((partition) => rfmPartitionId(workspaceId, partition));
    const stored = await this.partitions.find(workspaceId, { _id: { $in: ids } });
    return stored.map((document) => RfmPartitionDocument.parse(document));
  }

  /** The partition's document, created empty first if absent. */
  async ensure(workspaceId: string, partition: number): Promise<RfmPartitionDocument> {
    await this.partitions.insertIfAbsent(workspaceId, newRfmPartition(workspaceId, partition));
    const stored = await this.find(workspaceId, partition);
    if (stored === null)
      throw new MissingPartitionDocumentError(rfmPartitionId(workspaceId, partition));
    return stored;
  }

  /**
   * Moves profiles in the sketches (`$inc` of populationIncrements, which are relative to the
   * sketches) and the watermark forward (`$max`).
   */
  async applyChange(
    workspaceId: string,
    partition: number,
    increments: Readonly<Record<string, number>>,
    watermark: number | null,
  ): Promise<void> {
    const paths = Object.entries(increments).map(([path, delta]) => [`sketches.${path}`, delta]);
    if (paths.length === 0 && watermark === null) return;
    await this.update(workspaceId, partition, {
      ...(paths.length > 0 ? { $inc: Object.fromEntries(paths) } : {}),
      ...(watermark === null ? {} : { $max: { watermark } }),
    });
  }

  async replaceSketches(
    workspaceId: string,
    partition: number,
    sketches: PopulationSketches,
  ): Promise<void> {
    await this.update(workspaceId, partition, { $set: { sketches } });
  }

  async saveCursor(workspaceId: string, partition: number, cursor: SweepCursor): Promise<void> {
    await this.update(workspaceId, partition, { $set: { sweep: cursor } });
  }

  /**
   * Every workspace's documents of these partitions: which workspaces this instance scores, and
   * their unfinished sweeps. The one query that crosses workspaces, so it is made on the
   * collection itself (as WorkspaceRepository lists workspaces) and reads nothing but the
   * workspace, partition and cursor.
   */
  async listOwned(partitions: readonly number[]): Promise<OwnedPartition[]> {
    const stored = await this.db
      .collection(rfmPartitionsCollection.name)
      .find(
        { partition: { $in: [...partitions] } },
        { projection: { workspaceId: 1, partition: 1, sweep: 1 } },
      )
      .toArray();
    return stored.map((document) => OwnedPartition.parse(document));
  }

  private async update(
    workspaceId: string,
    partition: number,
    update: Record<string, unknown>,
  ): Promise<void> {
    const id = rfmPartitionId(workspaceId, partition);
    // By `_id` alone (no guard): the owner's lock makes it the only writer of this document.
    if (!(await this.partitions.updateIfUnchanged(workspaceId, { _id: id }, update)))
      throw new MissingPartitionDocumentError(id);
  }
}

import { Injectable } from '@nestjs/common';
import type { Identifier } from '@meridian/contracts';
import {
  BaseRepository,
  DuplicateKeyError,
  InjectDatabase,
  type Database,
} from '@meridian/persistence';
import {
  suppressionDropCountsCollection,
  suppressionId,
  suppressionsCollection,
  type SuppressionDocument,
  type SuppressionDropCountDocument,
} from './suppressions.collection';

/** Workspace-scoped storage of suppressions. */
@Injectable()
export class SuppressionRepository extends BaseRepository<SuppressionDocument> {
  constructor(@InjectDatabase() db: Database) {
    super(db, suppressionsCollection);
  }

  /**
   * Suppresses an identifier unless it already is; true when this call created the
   * suppression. Two requests racing on one identifier meet on the unique _id.
   */
  async suppress(
    workspaceId: string,
    identifier: Identifier,
    requestId: string,
    now: Date,
  ): Promise<boolean> {
    try {
      const result = await this.updateOne(
        workspaceId,
        { _id: suppressionId(workspaceId, identifier) },
        {
          $setOnInsert: {
            type: identifier.type,
            value: identifier.value,
            requestId,
            createdAt: now,
          },
        },
        { upsert: true },
      );
      return result.upserted;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  /** Lifts the suppressions of these identifiers; returns the ids that existed. */
  async remove(workspaceId: string, identifiers: readonly Identifier[]): Promise<string[]> {
    const ids = identifiers.map((identifier) => suppressionId(workspaceId, identifier));
    const existing = await this.find(workspaceId, { _id: { $in: ids } });
    if (existing.length === 0) return [];
    await this.deleteMany(workspaceId, { _id: { $in: existing.map((document) => document._id) } });
    return existing.map((document) => document._id);
  }

  /** Every suppression of the workspace, for ingestion's in-memory set. */
  async all(workspaceId: string): Promise<SuppressionDocument[]> {
    return this.find(workspaceId);
  }

  /** Newest first. */
  async list(workspaceId: string, limit: number): Promise<SuppressionDocument[]> {
    return this.find(workspaceId, {}, { sort: { createdAt: -1 }, limit });
  }
}

/** Which suppression a count belongs to, and which instance writes it. */
export interface DropCountKey {
  readonly workspaceId: string;
  readonly suppressionId: string;
  readonly requestId: string;
  readonly instanceId: string;
}

/** Per-instance dropped-event counts; see suppressionDropCountsCollection. */
@Injectable()
export class SuppressionDropCountRepository extends BaseRepository<SuppressionDropCountDocument> {
  constructor(@InjectDatabase() db: Database) {
    super(db, suppressionDropCountsCollection);
  }

  /** Adds to this instance's count of one suppression (creating it on the first drop). */
  async add(key: DropCountKey, dropped: number, lastDroppedAt: Date): Promise<void> {
    const { workspaceId, suppressionId, requestId, instanceId } = key;
    await this.updateOne(
      workspaceId,
      { _id: `${suppressionId}|${requestId}|${instanceId}` },
      {
        $inc: { droppedEvents: dropped },
        $set: { lastDroppedAt },
        $setOnInsert: { suppressionId, requestId, instanceId },
      },
      { upsert: true },
    );
  }

  async forSuppressions(
    workspaceId: string,
    suppressionIds: readonly string[],
  ): Promise<SuppressionDropCountDocument[]> {
    if (suppressionIds.length === 0) return [];
    return this.find(workspaceId, { suppressionId: { $in: [...suppressionIds] } });
  }

  async removeFor(workspaceId: string, suppressionIds: readonly string[]): Promise<void> {
    if (suppressionIds.length === 0) return;
    await this.deleteMany(workspaceId, { suppressionId: { $in: [...suppressionIds] } });
  }
}

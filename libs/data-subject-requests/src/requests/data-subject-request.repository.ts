import { Injectable } from '@nestjs/common';
import {
  BaseRepository,
  DuplicateKeyError,
  InjectDatabase,
  type Database,
  type QueryFilter,
} from '@meridian/persistence';
import type { DataSubjectRequestStatus } from './data-subject-request';
import {
  dataSubjectRequestsCollection,
  deletionConfirmationsCollection,
  type DataSubjectRequestDocument,
  type DeletionConfirmationDocument,
} from './data-subject-requests.collection';

/** A status change of one request; `completedAt` and `failure` are set only when given. */
export interface StatusChange {
  readonly from: readonly DataSubjectRequestStatus[];
  readonly to: DataSubjectRequestStatus;
  readonly at: Date;
  readonly failure?: string;
}

/** Workspace-scoped storage of data-subject requests. */
@Injectable()
export class DataSubjectRequestRepository extends BaseRepository<DataSubjectRequestDocument> {
  constructor(@InjectDatabase() db: Database) {
    super(db, dataSubjectRequestsCollection);
  }

  async insert(document: DataSubjectRequestDocument): Promise<void> {
    await this.insertOne(document.workspaceId, document);
  }

  async findById(workspaceId: string, id: string): Promise<DataSubjectRequestDocument | null> {
    return this.findOne(workspaceId, { _id: id });
  }

  /** Newest first. */
  async list(
    workspaceId: string,
    query: { readonly status?: DataSubjectRequestStatus; readonly limit: number },
  ): Promise<DataSubjectRequestDocument[]> {
    const filter: QueryFilter<DataSubjectRequestDocument> =
      query.status === undefined ? {} : { status: query.status };
    return this.find(workspaceId, filter, { sort: { createdAt: -1 }, limit: query.limit });
  }

  /**
   * Moves a request from one of `from` to `to`; false when it was in none of them (another
   * instance moved it first). Guarded by status, so a change never goes backwards.
   */
  async changeStatus(workspaceId: string, id: string, change: StatusChange): Promise<boolean> {
    const set = {
      status: change.to,
      updatedAt: change.at,
      ...(change.to === 'completed' ? { completedAt: change.at } : {}),
      ...(change.failure === undefined ? {} : { failure: change.failure }),
    };
    const result = await this.updateOne(
      workspaceId,
      { _id: id, status: { $in: [...change.from] } },
      { $set: set },
    );
    return result.matchedCount > 0;
  }
}

/** Insert-only storage of deletion confirmations; see deletionConfirmationsCollection. */
@Injectable()
export class DeletionConfirmationRepository extends BaseRepository<DeletionConfirmationDocument> {
  constructor(@InjectDatabase() db: Database) {
    super(db, deletionConfirmationsCollection);
  }

  /** Stores a confirmation; false when this (request, service) was confirmed before. */
  async recordIfAbsent(document: DeletionConfirmationDocument): Promise<boolean> {
    try {
      await this.insertOne(document.workspaceId, document);
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  /** The confirmations of the given requests, oldest first. */
  async forRequests(
    workspaceId: string,
    requestIds: readonly string[],
  ): Promise<DeletionConfirmationDocument[]> {
    if (requestIds.length === 0) return [];
    return this.find(
      workspaceId,
      { requestId: { $in: [...requestIds] } },
      { sort: { confirmedAt: 1 } },
    );
  }
}

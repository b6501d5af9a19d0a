import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import {
  ImportJobDocument,
  importJobsCollection,
  type ImportProgress,
  type ImportStatus,
} from './import-job.collection';

/** How an import ended. */
export interface ImportOutcome {
  readonly status: Exclude<ImportStatus, 'running'>;
  readonly finishedAt: Date;
  readonly error?: { readonly code: string; readonly message: string };
}

/** Workspace-scoped storage of import jobs; each job is written only by its own upload. */
@Injectable()
export class ImportJobRepository {
  private readonly jobs: BaseRepository<ImportJobDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.jobs = new BaseRepository<ImportJobDocument>(db, importJobsCollection);
  }

  async insert(job: ImportJobDocument): Promise<void> {
    await this.jobs.insertOne(job.workspaceId, job);
  }

  /** The job, when it exists in this workspace and belongs to this source. */
  async find(
    workspaceId: string,
    sourceId: string,
    importId: string,
  ): Promise<ImportJobDocument | null> {
    const document = await this.jobs.findOne(workspaceId, { _id: importId, sourceId });
    return document === null ? null : ImportJobDocument.parse(document);
  }

  /** The source's imports, newest first. */
  async listBySource(
    workspaceId: string,
    sourceId: string,
    limit: number,
  ): Promise<ImportJobDocument[]> {
    const documents = await this.jobs.find(
      workspaceId,
      { sourceId },
      { sort: { startedAt: -1, _id: -1 }, limit },
    );
    return documents.map((document) => ImportJobDocument.parse(document));
  }

  async saveProgress(job: ImportJobDocument, progress: ImportProgress, at: Date): Promise<void> {
    await this.jobs.updateOne(
      job.workspaceId,
      { _id: job._id },
      { $set: { ...progress, updatedAt: at } },
    );
  }

  async finish(
    job: ImportJobDocument,
    progress: ImportProgress,
    outcome: ImportOutcome,
  ): Promise<ImportJobDocument> {
    const finished: ImportJobDocument = {
      ...job,
      ...progress,
      ...outcome,
      updatedAt: outcome.finishedAt,
    };
    await this.jobs.updateOne(
      job.workspaceId,
      { _id: job._id },
      {
        $set: {
          ...progress,
          ...outcome,
          updatedAt: outcome.finishedAt,
        },
      },
    );
    return finished;
  }
}

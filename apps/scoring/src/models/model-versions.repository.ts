import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import type { ModelKind } from '@meridian/learning';
import { z } from 'zod';
import { ModelVersionDocument } from './model-version-document';
import { modelVersionsCollection } from './models.collections';
import type { UnsavedVersion } from './tracked-versions';

/** A version's document changed since the owner last wrote it: two writers, or a lost write. */
export class ModelVersionConflictError extends Error {
  constructor(id: string, expectedRevision: number) {
    super(`model version ${id} is not at revision ${expectedRevision} any more`);
    this.name = 'ModelVersionConflictError';
  }
}

/** A version without its state, as the registry API lists it. */
export const VersionSummary = ModelVersionDocument.omit({ state: true });
export type VersionSummary = z.infer<typeof VersionSummary>;

/** The registry answers at most this many versions per listing. */
export const VERSIONS_LIST_LIMIT = 1_000;

const WorkspaceOfPartition = z.object({
  workspaceId: z.string().min(1),
  partition: z.number().int().min(0),
});

@Injectable()
export class ModelVersionsRepository {
  private readonly versions: BaseRepository<ModelVersionDocument>;

  constructor(@InjectDatabase() private readonly db: Database) {
    this.versions = new BaseRepository<ModelVersionDocument>(db, modelVersionsCollection);
  }

  /** The champion and challenger of one model instance (what its owner loads). */
  async current(
    workspaceId: string,
    modelId: string,
    partition: number,
  ): Promise<ModelVersionDocument[]> {
    const stored = await this.versions.find(workspaceId, {
      modelId,
      partition,
      status: { $in: ['champion', 'challenger'] },
    });
    return stored.map((document) => ModelVersionDocument.parse(document));
  }

  /** The champions of every model of a kind on a partition (every action set's bandit). */
  async championsOfKind(
    workspaceId: string,
    kind: ModelKind,
    partition: number,
  ): Promise<ModelVersionDocument[]> {
    const stored = await this.versions.find(workspaceId, { kind, partition, status: 'champion' });
    return stored.map((document) => ModelVersionDocument.parse(document));
  }

  /** Writes a version as TrackedVersions handed it out: inserted new, or guarded by revision. */
  async write({ document, expectedRevision }: UnsavedVersion): Promise<void> {
    if (expectedRevision === 0) {
      if (!(await this.versions.insertIfAbsent(document.workspaceId, document)))
        throw new ModelVersionConflictError(document._id, expectedRevision);
      return;
    }
    const { _id, ...fields } = document;
    const written = await this.versions.updateIfUnchanged(
      document.workspaceId,
      { _id, revision: expectedRevision },
      { $set: fields },
    );
    if (!written) throw new ModelVersionConflictError(_id, expectedRevision);
  }

  /**
   * A workspace's versions without their states (which reach megabytes for a busy bandit), by
   * model, partition and version; optionally of one model. Made on the collection itself for
   * the projection, with the workspace in the filter as BaseRepository would put it.
   */
  async list(workspaceId: string, modelId?: string): Promise<VersionSummary[]> {
    const stored = await this.db
      .collection(modelVersionsCollection.name)
      .find(modelId === undefined ? { workspaceId } : { workspaceId, modelId }, {
        projection: { state: 0 },
      })
      .sort({ modelId: 1, partition: 1, version: 1 })
      .limit(VERSIONS_LIST_LIMIT)
      .toArray();
    return stored.map((document) => VersionSummary.parse(document));
  }

  /**
   * The workspaces that have models on these partitions: which ones an owner sweeps after a
   * restart. The one query across workspaces, so on the collection itself, reading two fields.
   */
  async workspacesOn(
    partitions: readonly number[],
  ): Promise<{ workspaceId: string; partition: number }[]> {
    const stored = await this.db
      .collection(modelVersionsCollection.name)
      .find(
        { partition: { $in: [...partitions] }, status: 'champion' },
        { projection: { _id: 0, workspaceId: 1, partition: 1 } },
      )
      .toArray();
    const seen = new Map<string, { workspaceId: string; partition: number }>();
    for (const document of stored) {
      const entry = WorkspaceOfPartition.parse(document);
      seen.set(`${entry.workspaceId}|${entry.partition}`, entry);
    }
    return [...seen.values()];
  }
}

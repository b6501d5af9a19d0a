import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import { matchModelsCollection } from './matching.collections';
import { MatchModel, type MatchThresholds } from './match-model';

/** A model as stored: the workspace id is also the document `_id` (one model per workspace). */
type MatchModelDocument = MatchModel & { _id: string };

/** The workspaces' fitted match models (`match_models`). */
@Injectable()
export class MatchModelRepository {
  private readonly models: BaseRepository<MatchModelDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.models = new BaseRepository<MatchModelDocument>(db, matchModelsCollection);
  }

  async find(workspaceId: string): Promise<MatchModel | null> {
    const document = await this.models.findOne(workspaceId, { _id: workspaceId });
    return document === null ? null : MatchModel.parse(document);
  }

  /** Stores the workspace's model, replacing the one before. */
  async save(model: MatchModel): Promise<void> {
    await this.models.updateOne(
      model.workspaceId,
      { _id: model.workspaceId },
      { $set: MatchModel.parse(model) },
      { upsert: true },
    );
  }

  /** Sets the thresholds of the stored model; false when the workspace has none. */
  async setThresholds(workspaceId: string, thresholds: MatchThresholds): Promise<boolean> {
    const result = await this.models.updateOne(
      workspaceId,
      { _id: workspaceId },
      { $set: { thresholds } },
    );
    return result.matchedCount > 0;
  }
}

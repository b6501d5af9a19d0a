import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import { scoringSettingsCollection } from './scoring-settings.collection';
import { ScoringSettings } from './scoring-settings';

type ScoringSettingsDocument = ScoringSettings & {
  _id: string;
  workspaceId: string;
  updatedAt: string;
};

/** Scoring settings per workspace; a workspace without a document uses the defaults. */
@Injectable()
export class ScoringSettingsRepository {
  private readonly settings: BaseRepository<ScoringSettingsDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.settings = new BaseRepository<ScoringSettingsDocument>(db, scoringSettingsCollection);
  }

  async find(workspaceId: string): Promise<ScoringSettings | null> {
    const document = await this.settings.findOne(workspaceId, { _id: workspaceId });
    return document === null ? null : ScoringSettings.parse(document);
  }

  /** Replaces the workspace's settings as a whole (`now`: ISO instant of the change). */
  async put(workspaceId: string, settings: ScoringSettings, now: string): Promise<void> {
    await this.settings.updateOne(
      workspaceId,
      { _id: workspaceId },
      { $set: { clock: settings.clock, rfm: settings.rfm, updatedAt: now } },
      { upsert: true },
    );
  }
}

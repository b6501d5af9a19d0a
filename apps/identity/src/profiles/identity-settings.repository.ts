import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import { IdentitySettings } from './identity-policy';
import { identitySettingsCollection } from './profile.collections';

type IdentitySettingsDocument = IdentitySettings & {
  _id: string;
  workspaceId: string;
  updatedAt: string;
};

/** Identity settings per workspace; a workspace without a document uses the defaults. */
@Injectable()
export class IdentitySettingsRepository {
  private readonly settings: BaseRepository<IdentitySettingsDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.settings = new BaseRepository<IdentitySettingsDocument>(db, identitySettingsCollection);
  }

  async find(workspaceId: string): Promise<IdentitySettings | null> {
    const document = await this.settings.findOne(workspaceId, { _id: workspaceId });
    return document === null ? null : IdentitySettings.parse(document);
  }

  /** Replaces the workspace's settings as a whole. */
  async put(workspaceId: string, settings: IdentitySettings, now: string): Promise<void> {
    await this.settings.updateOne(
      workspaceId,
      { _id: workspaceId },
      { $set: { ...settings, updatedAt: now } },
      { upsert: true },
    );
  }
}

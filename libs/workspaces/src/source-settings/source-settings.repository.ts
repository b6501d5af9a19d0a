import { BaseRepository, type Database, type UpdateSpec } from '@meridian/persistence';
import {
  sourceSettingsCollection,
  sourceSettingsId,
  type SourceSettingsDocument,
} from './source-settings.collection';

/** What a put replaces; the repository adds _id, updatedAt and revision. */
export type SourceSettingsFields = Omit<SourceSettingsDocument, '_id' | 'updatedAt' | 'revision'>;

/** Workspace-scoped storage of per-source settings. */
export class SourceSettingsRepository extends BaseRepository<SourceSettingsDocument> {
  constructor(db: Database) {
    super(db, sourceSettingsCollection);
  }

  async findBySource(
    workspaceId: string,
    sourceId: string,
  ): Promise<SourceSettingsDocument | null> {
    return this.findOne(workspaceId, { _id: sourceSettingsId(workspaceId, sourceId) });
  }

  /**
   * Replaces the source's settings, inserting them when absent, and bumps the revision.
   * Optional fields left out are removed, so a put states the whole setting.
   */
  async replace(fields: SourceSettingsFields, updatedAt: Date): Promise<SourceSettingsDocument> {
    const { workspaceId, sourceId, missingConsentPolicy, defaultPhoneRegion, trackingPlanJson } =
      fields;
    const set = {
      sourceId,
      missingConsentPolicy,
      updatedAt,
      ...(defaultPhoneRegion === undefined ? {} : { defaultPhoneRegion }),
      ...(trackingPlanJson === undefined ? {} : { trackingPlanJson }),
    };
    const unset = {
      ...(defaultPhoneRegion === undefined ? { defaultPhoneRegion: '' as const } : {}),
      ...(trackingPlanJson === undefined ? { trackingPlanJson: '' as const } : {}),
    };
    const update: UpdateSpec<SourceSettingsDocument> =
      Object.keys(unset).length > 0
        ? { $set: set, $unset: unset, $inc: { revision: 1 } }
        : { $set: set, $inc: { revision: 1 } };
    const stored = await this.findOneAndUpdate(
      workspaceId,
      { _id: sourceSettingsId(workspaceId, sourceId) },
      update,
      { upsert: true },
    );
    if (stored === null) throw new Error('source settings vanished while being written');
    return stored;
  }
}

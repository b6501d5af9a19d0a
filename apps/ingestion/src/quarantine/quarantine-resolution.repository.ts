import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import {
  QuarantineResolution,
  quarantineResolutionId,
  quarantineResolutionsCollection,
} from './quarantine-resolution.collection';

/** Workspace-scoped storage of quarantine resolutions, keyed by quarantine event id. */
@Injectable()
export class QuarantineResolutionRepository {
  private readonly resolutions: BaseRepository<QuarantineResolution>;

  constructor(@InjectDatabase() db: Database) {
    this.resolutions = new BaseRepository<QuarantineResolution>(
      db,
      quarantineResolutionsCollection,
    );
  }

  /** The resolutions of these quarantine events that exist, by event id. */
  async findByEventIds(
    workspaceId: string,
    eventIds: readonly string[],
  ): Promise<ReadonlyMap<string, QuarantineResolution>> {
    if (eventIds.length === 0) return new Map();
    const ids = [...new Set(eventIds)].map((eventId) =>
      quarantineResolutionId(workspaceId, eventId),
    );
    const documents = await this.resolutions.find(workspaceId, { _id: { $in: ids } });
    const resolutions = documents.map((document) => QuarantineResolution.parse(document));
    return new Map(resolutions.map((resolution) => [resolution.eventId, resolution]));
  }

  /**
   * Records a resolution; throws DuplicateKeyError when the event is already resolved (a
   * concurrent replay or discard got there first).
   */
  async insert(resolution: Omit<QuarantineResolution, '_id'>): Promise<QuarantineResolution> {
    const document: QuarantineResolution = {
      _id: quarantineResolutionId(resolution.workspaceId, resolution.eventId),
      ...resolution,
    };
    await this.resolutions.insertOne(resolution.workspaceId, document);
    return document;
  }
}

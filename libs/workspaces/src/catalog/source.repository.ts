import { BaseRepository, type Database } from '@meridian/persistence';
import { sourceDocumentId, sourcesCollection, type SourceDocument } from './sources.collection';

/** Workspace-scoped storage of a workspace's sources. */
export class SourceRepository extends BaseRepository<SourceDocument> {
  constructor(db: Database) {
    super(db, sourcesCollection);
  }

  async findBySourceId(workspaceId: string, sourceId: string): Promise<SourceDocument | null> {
    return this.findOne(workspaceId, { _id: sourceDocumentId(workspaceId, sourceId) });
  }

  /** The workspace's sources, oldest first. */
  async listByWorkspace(workspaceId: string): Promise<SourceDocument[]> {
    return this.find(workspaceId, {}, { sort: { createdAt: 1, _id: 1 } });
  }
}

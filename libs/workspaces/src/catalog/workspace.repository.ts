import { insertIfAbsent, type Database } from '@meridian/persistence';
import { workspacesCollection, type WorkspaceDocument } from './workspaces.collection';

/**
 * The workspaces themselves. Not a BaseRepository: listing every workspace (for an
 * installation-wide admin) is the one query that must cross workspaces, so this is written
 * on the Database handle and its own collection only.
 */
export class WorkspaceRepository {
  private readonly collection;

  constructor(db: Database) {
    this.collection = db.collection<WorkspaceDocument>(workspacesCollection.name);
  }

  async findById(workspaceId: string): Promise<WorkspaceDocument | null> {
    return this.collection.findOne({ _id: workspaceId });
  }

  /** Every workspace, oldest first. */
  async listAll(): Promise<WorkspaceDocument[]> {
    return this.collection.find({}).sort({ createdAt: 1, _id: 1 }).toArray();
  }

  /**
   * Inserts the workspace when its id is free; false when it is taken. A racing insert may
   * fail on the unique _id instead, which is the same answer.
   */
  async insertIfAbsent(document: WorkspaceDocument): Promise<boolean> {
    return insertIfAbsent(this.collection, document);
  }
}

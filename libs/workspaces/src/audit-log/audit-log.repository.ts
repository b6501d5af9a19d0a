import { randomBytes } from 'node:crypto';
import type { Database, QueryFilter } from '@meridian/persistence';
import { auditLogCollection, type AuditLogDocument } from './audit-log.collection';

export interface AuditLogPage {
  /** Entries with an _id below this one (the previous page's last); from the newest when absent. */
  readonly before?: string;
  readonly limit: number;
}

/**
 * Append-only storage of audit entries. Not a BaseRepository: installation-wide entries have
 * no workspace (null). Reads are always by one workspace.
 */
export class AuditLogRepository {
  private readonly collection;

  constructor(db: Database) {
    this.collection = db.collection<AuditLogDocument>(auditLogCollection.name);
  }

  /** Appends an entry; its id is made here, so every writer (API, CLI) orders alike. */
  async append(entry: Omit<AuditLogDocument, '_id'>): Promise<AuditLogDocument> {
    // Time first, so _id order is time order; the random tail keeps same-millisecond ids apart.
    const document = {
      _id: `${entry.at.toISOString()}|${randomBytes(4).toString('hex')}`,
      ...entry,
    };
    await this.collection.insertOne(document);
    return document;
  }

  /** One workspace's entries (null: the installation-wide ones), newest first. */
  async listByWorkspace(
    workspaceId: string | null,
    page: AuditLogPage,
  ): Promise<AuditLogDocument[]> {
    const filter: QueryFilter<AuditLogDocument> =
      page.before === undefined ? { workspaceId } : { workspaceId, _id: { $lt: page.before } };
    return this.collection.find(filter).sort({ _id: -1 }).limit(page.limit).toArray();
  }
}

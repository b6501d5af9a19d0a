import { insertIfAbsent, type Database } from '@meridian/persistence';
import { writeKeysCollection, type WriteKeyDocument } from './write-keys.collection';

/**
 * Storage of write keys by hash.
 *
 * Deliberately NOT a BaseRepository: every other repository is scoped by a workspaceId the
 * caller already knows, but here the workspace is what the lookup finds, so there is no
 * workspace to scope by. It is therefore written on the narrowest primitive persistence
 * offers — the Database handle and this one collection — and exposes point operations by
 * `_id` (the key hash) plus the listing of one source's keys, so it cannot be used to touch
 * another collection or to query across workspaces.
 */
export class WriteKeyRepository {
  private readonly collection;

  constructor(db: Database) {
    this.collection = db.collection<WriteKeyDocument>(writeKeysCollection.name);
  }

  async findByHash(keyHash: string): Promise<WriteKeyDocument | null> {
    const document = await this.collection.findOne({ _id: keyHash });
    // FerretDB 1.24 drops null fields set by $setOnInsert, so an active key may come back
    // without revokedAt: absent means "not revoked", as null does.
    return document === null ? null : { ...document, revokedAt: document.revokedAt ?? null };
  }

  /** One source's keys, oldest first. */
  async listBySource(workspaceId: string, sourceId: string): Promise<WriteKeyDocument[]> {
    const documents = await this.collection
      .find({ workspaceId, sourceId })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return documents.map((document) => ({ ...document, revokedAt: document.revokedAt ?? null }));
  }

  /** Inserts the key when absent; returns true when this call inserted it. */
  async insertIfAbsent(document: WriteKeyDocument): Promise<boolean> {
    return insertIfAbsent(this.collection, document);
  }

  /** Marks an active key revoked; returns false when it was unknown or already revoked. */
  async markRevoked(keyHash: string, revokedAt: Date): Promise<boolean> {
    const result = await this.collection.updateOne(
      { _id: keyHash, revokedAt: null },
      { $set: { revokedAt } },
    );
    return result.modifiedCount > 0;
  }
}

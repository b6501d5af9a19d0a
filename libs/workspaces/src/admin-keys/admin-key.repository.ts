import { insertIfAbsent, type Database, type QueryFilter } from '@meridian/persistence';
import { adminKeysCollection, type AdminKeyDocument } from './admin-keys.collection';

/**
 * Storage of admin keys. Not a BaseRepository: installation-wide keys belong to no
 * workspace, and authentication finds the workspace rather than being scoped by it. Like
 * WriteKeyRepository it touches only its own collection, by hash or by keyId.
 */
export class AdminKeyRepository {
  private readonly collection;

  constructor(db: Database) {
    this.collection = db.collection<AdminKeyDocument>(adminKeysCollection.name);
  }

  async findByHash(keyHash: string): Promise<AdminKeyDocument | null> {
    return this.collection.findOne({ _id: keyHash });
  }

  async findByKeyId(keyId: string): Promise<AdminKeyDocument | null> {
    return this.collection.findOne({ keyId });
  }

  /** Keys of one workspace (installation-wide ones excluded), or every key; newest first. */
  async list(workspaceId: string | undefined): Promise<AdminKeyDocument[]> {
    const filter: QueryFilter<AdminKeyDocument> = workspaceId === undefined ? {} : { workspaceId };
    return this.collection.find(filter).sort({ createdAt: -1 }).toArray();
  }

  /** Inserts the key when absent; returns true when this call inserted it. */
  async insertIfAbsent(document: AdminKeyDocument): Promise<boolean> {
    return insertIfAbsent(this.collection, document);
  }

  /** Marks an active key revoked; returns false when it was unknown or already revoked. */
  async markRevoked(keyHash: string, revokedAt: Date): Promise<boolean> {
    // `revokedAt: null` also matches documents without the field.
    const result = await this.collection.updateOne(
      { _id: keyHash, revokedAt: null },
      { $set: { revokedAt } },
    );
    return result.modifiedCount > 0;
  }
}

import type { Collection, OptionalUnlessRequiredId } from 'mongodb';
import type { CollectionDefinition } from './collections';
import type {
  Database,
  QueryFilter,
  SortSpec,
  Stored,
  UpdateSpec,
  WorkspaceScoped,
} from './driver-types';
import { translateWriteError } from './errors';
import { assertDocumentInWorkspace, assertUpdateKeepsWorkspace, scopeFilter } from './scope';
import { insertIfAbsent } from './insert-if-absent';

export interface FindOptions {
  readonly sort?: SortSpec;
  readonly limit?: number;
  readonly skip?: number;
}

export interface UpdateResult {
  readonly matchedCount: number;
  readonly modifiedCount: number;
  /** True when the update inserted a new document (upsert). */
  readonly upserted: boolean;
}

/**
 * Workspace-scoped access to one collection (after novu's tenant-enforcing
 * BaseRepository): every method takes the workspaceId first and ANDs it into the filter,
 * so no query can forget it and no document of one workspace is visible from another.
 * The collection itself stays private for the same reason: a subclass adds methods by
 * calling these, not the driver.
 *
 *   @Injectable()
 *   export class ProfileRepository extends BaseRepository<ProfileDocument> {
 *     constructor(@InjectDatabase() db: Database) { super(db, profilesCollection); }
 *   }
 */
export class BaseRepository<TDoc extends WorkspaceScoped> {
  readonly collectionName: string;
  private readonly collection: Collection<TDoc>;

  constructor(db: Database, collection: CollectionDefinition | string) {
    this.collectionName = typeof collection === 'string' ? collection : collection.name;
    this.collection = db.collection<TDoc>(this.collectionName);
  }

  async findOne(
    workspaceId: string,
    filter: QueryFilter<TDoc> = {},
    options: Pick<FindOptions, 'sort'> = {},
  ): Promise<Stored<TDoc> | null> {
    return this.collection.findOne(scopeFilter(workspaceId, filter), { sort: options.sort });
  }

  async find(
    workspaceId: string,
    filter: QueryFilter<TDoc> = {},
    options: FindOptions = {},
  ): Promise<Stored<TDoc>[]> {
    let cursor = this.collection.find(scopeFilter(workspaceId, filter));
    if (options.sort !== undefined) cursor = cursor.sort(options.sort);
    if (options.skip !== undefined) cursor = cursor.skip(nonNegativeInteger('skip', options.skip));
    if (options.limit !== undefined) cursor = cursor.limit(positiveInteger('limit', options.limit));
    return cursor.toArray();
  }

  async count(workspaceId: string, filter: QueryFilter<TDoc> = {}): Promise<number> {
    return this.collection.countDocuments(scopeFilter(workspaceId, filter));
  }

  /** Inserts a document of this workspace; its workspaceId must be the call's. */
  async insertOne(workspaceId: string, document: OptionalUnlessRequiredId<TDoc>) {
    assertDocumentInWorkspace(workspaceId, document);
    try {
      const result = await this.collection.insertOne(document);
      return result.insertedId;
    } catch (error) {
      throw translateWriteError(this.collectionName, error);
    }
  }

  /** Inserts a document of this workspace unless its _id is taken; true when it inserted it. */
  async insertIfAbsent(
    workspaceId: string,
    document: OptionalUnlessRequiredId<TDoc>,
  ): Promise<boolean> {
    assertDocumentInWorkspace(workspaceId, document);
    return insertIfAbsent(this.collection, document);
  }

  /**
   * Updates the first matching document. With `upsert`, a missing one is inserted; the
   * server copies the filter's equality fields into it, workspaceId included.
   */
  async updateOne(
    workspaceId: string,
    filter: QueryFilter<TDoc>,
    update: UpdateSpec<TDoc>,
    options: { readonly upsert?: boolean } = {},
  ): Promise<UpdateResult> {
    assertUpdateKeepsWorkspace(workspaceId, update);
    try {
      const result = await this.collection.updateOne(scopeFilter(workspaceId, filter), update, {
        upsert: options.upsert ?? false,
      });
      return {
        matchedCount: result.matchedCount,
        modifiedCount: result.modifiedCount,
        upserted: result.upsertedCount > 0,
      };
    } catch (error) {
      throw translateWriteError(this.collectionName, error);
    }
  }

  /** Updates every matching document of this workspace; returns how many matched. */
  async updateMany(
    workspaceId: string,
    filter: QueryFilter<TDoc>,
    update: UpdateSpec<TDoc>,
  ): Promise<number> {
    assertUpdateKeepsWorkspace(workspaceId, update);
    try {
      const result = await this.collection.updateMany(scopeFilter(workspaceId, filter), update);
      return result.matchedCount;
    } catch (error) {
      throw translateWriteError(this.collectionName, error);
    }
  }

  /** Updates the first matching document and returns it as it is after the update. */
  async findOneAndUpdate(
    workspaceId: string,
    filter: QueryFilter<TDoc>,
    update: UpdateSpec<TDoc>,
    options: { readonly upsert?: boolean; readonly sort?: SortSpec } = {},
  ): Promise<Stored<TDoc> | null> {
    assertUpdateKeepsWorkspace(workspaceId, update);
    try {
      return await this.collection.findOneAndUpdate(scopeFilter(workspaceId, filter), update, {
        returnDocument: 'after',
        upsert: options.upsert ?? false,
        sort: options.sort,
        includeResultMetadata: false,
      });
    } catch (error) {
      throw translateWriteError(this.collectionName, error);
    }
  }

  /** Deletes the matching documents of this workspace; an empty filter means all of them. */
  async deleteMany(workspaceId: string, filter: QueryFilter<TDoc> = {}): Promise<number> {
    const result = await this.collection.deleteMany(scopeFilter(workspaceId, filter));
    return result.deletedCount;
  }
}

function positiveInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${option} must be a positive integer, got ${value}`);
  return value;
}

function nonNegativeInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${option} must be a non-negative integer, got ${value}`);
  return value;
}

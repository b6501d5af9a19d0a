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
import { soleId, soleIdList } from './id-lookup';
import { insertIfAbsent } from './insert-if-absent';
import { holdsGuard, idAndGuardOf, serverFlavourOf } from './guarded-update';

/** Ids a find by `_id: { $in }` looks up one by one (concurrently); more go as one query. */
const MAX_IDS_LOOKED_UP_ONE_BY_ONE = 64;

/** No sort, skip or limit: the order and count of the answer do not matter to the caller. */
function isPlain(options: FindOptions): boolean {
  return options.sort === undefined && options.skip === undefined && options.limit === undefined;
}

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

  constructor(
    private readonly db: Database,
    collection: CollectionDefinition | string,
  ) {
    this.collectionName = typeof collection === 'string' ? collection : collection.name;
    this.collection = db.collection<TDoc>(this.collectionName);
  }

  async findOne(
    workspaceId: string,
    filter: QueryFilter<TDoc> = {},
    options: Pick<FindOptions, 'sort'> = {},
  ): Promise<Stored<TDoc> | null> {
    const scoped = scopeFilter(workspaceId, filter);
    if (soleId(filter) !== undefined) return lookUpById(this.collection, workspaceId, filter);
    return this.collection.findOne(scoped, { sort: options.sort });
  }

  async find(
    workspaceId: string,
    filter: QueryFilter<TDoc> = {},
    options: FindOptions = {},
  ): Promise<Stored<TDoc>[]> {
    const scoped = scopeFilter(workspaceId, filter);
    const ids = soleIdList(filter);
    if (ids !== undefined && ids.length <= MAX_IDS_LOOKED_UP_ONE_BY_ONE && isPlain(options)) {
      const lookups = ids.map((id) =>
        lookUpById(this.collection, workspaceId, Object.assign({}, filter, { _id: id })),
      );
      const documents: Stored<TDoc>[] = [];
      for (const document of await Promise.all(lookups)) if (document) documents.push(document);
      return documents;
    }
    let cursor = this.collection.find(scoped);
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

  /**
   * Updates this workspace's document `filter._id` only while it still holds the filter's
   * other fields, plain values such as the revision a read-modify-write started from; true
   * when it did. On MongoDB that is one atomic update. FerretDB 1.24 finds a document by its
   * primary key only when the filter is `_id` and nothing else, and scans the collection
   * otherwise (30 ms an update at 3,000 profiles, growing with the collection); its updates
   * are not atomic against concurrent writers either, which is why Meridian keeps one writer
   * per document (docs/mongodb-subset.md). There the guard is checked on the document read by
   * id, then the document is updated by id: the same protection against a writer that moved
   * on since the read, at two primary-key lookups.
   */
  async updateIfUnchanged(
    workspaceId: string,
    filter: QueryFilter<TDoc>,
    update: UpdateSpec<TDoc>,
  ): Promise<boolean> {
    assertUpdateKeepsWorkspace(workspaceId, update);
    const { id, guard } = idAndGuardOf(filter);
    if ((await serverFlavourOf(this.db)) === 'mongodb')
      return (await this.updateOne(workspaceId, filter, update)).matchedCount > 0;
    const byId = Object.assign({}, filter, { _id: id });
    for (const field of Object.keys(guard)) Reflect.deleteProperty(byId, field);
    const stored = await lookUpById(this.collection, workspaceId, byId);
    if (stored === null || !holdsGuard(stored, guard)) return false;
    try {
      return (await this.collection.updateOne(byId, update)).matchedCount > 0;
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

/**
 * A filter that is only an `_id`, looked up by it alone (see id-lookup.ts): a document of
 * another workspace is answered as not there. A function, not a method, so no subclass's
 * method of the same name can take its place.
 */
async function lookUpById<TDoc extends WorkspaceScoped>(
  collection: Collection<TDoc>,
  workspaceId: string,
  byId: QueryFilter<TDoc>,
): Promise<Stored<TDoc> | null> {
  const document = await collection.findOne(byId);
  return document !== null && document.workspaceId === workspaceId ? document : null;
}

import type { Db, Document, Filter, UpdateFilter, WithId } from 'mongodb';

// The driver's types under Meridian's own names: other projects describe queries and
// updates with these and never import 'mongodb' themselves (see eslint.config.mjs).

/** A database handle. Only repositories and the persistence lib should call it directly. */
export type Database = Db;
/** A query filter over documents of type TDoc. */
export type QueryFilter<TDoc> = Filter<TDoc>;
/** An update made of operators ($set, $inc, ...) over documents of type TDoc. */
export type UpdateSpec<TDoc> = UpdateFilter<TDoc>;
/** Any BSON document. */
export type PlainDocument = Document;
/** A document as read back from the database, with its `_id`. */
export type Stored<TDoc> = WithId<TDoc>;
/**
 * Sort order as field → direction. Deliberately narrower than the driver's Sort:
 * no `$meta` text-score sorts, which FerretDB does not support.
 */
export type SortSpec = Readonly<Record<string, 1 | -1>>;

/** What every document stored through a workspace-scoped repository carries. */
export interface WorkspaceScoped {
  readonly workspaceId: string;
}

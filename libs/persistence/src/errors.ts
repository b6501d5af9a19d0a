import { MongoServerError } from 'mongodb';
import type { IndexConflict } from './collections';

/** Codes MongoDB and FerretDB use for a unique-index violation (11001 is the legacy one). */
const DUPLICATE_KEY_CODES = new Set<unknown>([11000, 11001]);

/**
 * A write hit a unique index. Callers catch this type instead of testing driver error
 * codes. `index` and `key` are filled when the server says which (MongoDB does; FerretDB
 * 1.24 only says "E11000 duplicate key error collection: db.coll").
 */
export class DuplicateKeyError extends Error {
  readonly collection: string;
  readonly index: string | undefined;
  readonly key: Readonly<Record<string, unknown>> | undefined;

  constructor(
    collection: string,
    details: { index?: string; key?: Readonly<Record<string, unknown>>; cause?: unknown } = {},
  ) {
    super(
      `Duplicate key in collection "${collection}"${details.index === undefined ? '' : ` (index "${details.index}")`}`,
      { cause: details.cause },
    );
    this.name = 'DuplicateKeyError';
    this.collection = collection;
    this.index = details.index;
    this.key = details.key;
  }
}

/** A repository call asked for one workspace but named another in its filter, update or document. */
export class WorkspaceScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceScopeError';
  }
}

/** The database has an index that differs from its definition; a person must resolve it. */
export class IndexConflictError extends Error {
  constructor(readonly conflicts: readonly IndexConflict[]) {
    super(
      `Indexes differ from their definitions:\n  ${conflicts
        .map((conflict) => `${conflict.collection}.${conflict.index}: ${conflict.reason}`)
        .join('\n  ')}`,
    );
    this.name = 'IndexConflictError';
  }
}

/**
 * FerretDB 1.24 (SQLite backend) answers an *update* that breaks a unique index with
 * code 1 InternalError and SQLite's text instead of 11000 (inserts and upserts do get
 * 11000), e.g. "UNIQUE constraint failed: index 'contacts_cedcb8f0_workspace_email'".
 */
const FERRET_SQLITE_UNIQUE = /UNIQUE constraint failed: index '([^']+)'/;

function isDriverDuplicateKey(error: unknown): error is MongoServerError {
  if (!(error instanceof MongoServerError)) return false;
  return (
    DUPLICATE_KEY_CODES.has(error.code) ||
    (error.code === 1 && FERRET_SQLITE_UNIQUE.test(error.message))
  );
}

/** Turns a driver duplicate-key error into DuplicateKeyError; any other error is returned as is. */
export function translateWriteError(collection: string, error: unknown): unknown {
  if (!isDriverDuplicateKey(error)) return error;
  const key: unknown = error.errorResponse['keyValue'];
  return new DuplicateKeyError(collection, {
    index: indexNameFromMessage(error.message, collection),
    key: isRecord(key) ? key : undefined,
    cause: error,
  });
}

/**
 * The index a duplicate-key message names: MongoDB says "... index: <name> dup key: ...";
 * FerretDB's SQLite text names the table index "<collection>_<8 hex>_<name>".
 */
export function indexNameFromMessage(message: string, collection: string): string | undefined {
  const mongo = /\bindex: (\S+) dup key/.exec(message)?.[1];
  if (mongo !== undefined) return mongo;
  const sqliteIndex = FERRET_SQLITE_UNIQUE.exec(message)?.[1];
  if (sqliteIndex === undefined || !sqliteIndex.startsWith(`${collection}_`)) return undefined;
  return /^_[0-9a-f]{8}_(.+)$/.exec(sqliteIndex.slice(collection.length))?.[1];
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import {
  dropDatabase,
  ensureCollections,
  openDatabase,
  type CollectionDefinition,
  type Database,
} from '@meridian/persistence';
import { cleanupOnce, orCleanUp, testInfra, uniqueNamespace } from '@meridian/testing';

export interface TestDatabaseOptions {
  /** Readable start of the database's name. */
  readonly label: string;
  /** Collections and indexes the database is made to hold before the suite uses it. */
  readonly collections: readonly CollectionDefinition[];
}

/** A database of a suite's own on the test MongoDB server. */
export interface TestDatabase {
  readonly name: string;
  /** The server the database lives on, for a suite that opens another connection to it. */
  readonly mongoUrl: string;
  /** Open until dispose(). */
  readonly db: Database;
  /**
   * Closes the connection and drops the database; both steps run even when one fails. Runs
   * once however often it is called, so an afterAll may call it whether or not the rest of the
   * set-up succeeded.
   */
  dispose(): Promise<void>;
}

/**
 * Opens a freshly named database on the test server and ensures `collections` in it. When
 * ensuring them fails, the connection is closed and the database dropped before the error is
 * thrown.
 */
export async function createTestDatabase(options: TestDatabaseOptions): Promise<TestDatabase> {
  const { mongoUrl } = testInfra();
  const name = uniqueNamespace(options.label);
  const handle = await openDatabase(mongoUrl, name);
  const dispose = cleanupOnce([
    { what: 'close the connection', run: () => handle.close() },
    { what: 'drop the database', run: () => dropDatabase(mongoUrl, name) },
  ]);
  await orCleanUp(() => ensureCollections(handle.db, options.collections), dispose);
  return { name, mongoUrl, db: handle.db, dispose };
}

import { MongoClient } from 'mongodb';
import type { Database } from './driver-types';

export interface ConnectionOptions {
  /** Shown in the server's logs and currentOp; use the service name. */
  readonly appName?: string;
  /** How long connecting (and each operation) waits for a reachable server. Default 10 s. */
  readonly serverSelectionTimeoutMs?: number;
}

export interface DatabaseHandle {
  readonly db: Database;
  close(): Promise<void>;
}

const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 10_000;

/** A connected client. Connecting up front makes a wrong URL fail at start-up, not on first use. */
export async function connectClient(
  mongoUrl: string,
  options: ConnectionOptions = {},
): Promise<MongoClient> {
  const client = new MongoClient(mongoUrl, {
    appName: options.appName,
    serverSelectionTimeoutMS:
      options.serverSelectionTimeoutMs ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS,
  });
  await client.connect();
  return client;
}

/** A database outside Nest, for tools and tests; close() releases the connection. */
export async function openDatabase(
  mongoUrl: string,
  name: string,
  options: ConnectionOptions = {},
): Promise<DatabaseHandle> {
  const client = await connectClient(mongoUrl, options);
  return { db: client.db(name), close: () => client.close() };
}

/** Drops a whole database; for test suites cleaning up the database they named. */
export async function dropDatabase(mongoUrl: string, name: string): Promise<void> {
  const handle = await openDatabase(mongoUrl, name);
  try {
    await handle.db.dropDatabase();
  } finally {
    await handle.close();
  }
}

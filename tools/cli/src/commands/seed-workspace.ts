import { loadConfig, platformEnv, type Environment } from '@meridian/config';
import { z } from 'zod';
import { UsageError, type Command } from '../command';

/** What `seed-workspace` reads; the defaults are the local stack's workspace and key. */
export const SeedWorkspaceEnv = platformEnv.pick({ MONGO_URL: true, MONGO_DB: true }).extend({
  MERIDIAN_WRITE_KEY: z.string().min(1).default('local-dev-key'),
  MERIDIAN_WORKSPACE_ID: z.string().min(1).max(64).default('local'),
  MERIDIAN_SOURCE_ID: z.string().min(1).max(64).default('local-source'),
  /** An installation-wide owner key for the admin API (Authorization: Bearer <key>). */
  MERIDIAN_ADMIN_KEY: z.string().min(1).default('local-admin-key'),
});
export type SeedWorkspaceEnv = z.infer<typeof SeedWorkspaceEnv>;

export interface SeededWorkspace {
  readonly workspaceId: string;
  readonly sourceId: string;
  readonly database: string;
  /** The public id of the seeded admin key (never the key). */
  readonly adminKeyId: string;
}

/**
 * Makes the write key an active key of the workspace's source, records the workspace and
 * source so the admin API lists them, and makes MERIDIAN_ADMIN_KEY an installation-wide
 * owner key, creating the collections first. Idempotent, so the local stack runs it on
 * every start; a write key that belongs to another workspace or was revoked is refused
 * (WriteKeyConflictError), as is an admin key revoked or seeded with another role
 * (AdminKeyConflictError).
 */
export async function seedWorkspace(env?: Environment): Promise<SeededWorkspace> {
  const config = loadConfig(SeedWorkspaceEnv, env);
  // Loaded on use: the persistence lib carries Nest decorators, which `node -r
  // @swc-node/register` only compiles with a tsconfig (SWC_NODE_PROJECT, as tools/stack
  // sets). Importing it up front would break every other command of a bare run.
  const { ensureCollections, openDatabase } = await import('@meridian/persistence');
  const workspaces = await import('@meridian/workspaces');
  const handle = await openDatabase(config.MONGO_URL, config.MONGO_DB, { appName: 'meridian-cli' });
  try {
    await ensureCollections(handle.db, workspaces.workspacesCollections);
    const workspaceId = config.MERIDIAN_WORKSPACE_ID;
    const sourceId = config.MERIDIAN_SOURCE_ID;
    const writeKeys = new workspaces.WriteKeyService(new workspaces.WriteKeyRepository(handle.db));
    await writeKeys.seedWorkspace({ workspaceId, sourceId, writeKey: config.MERIDIAN_WRITE_KEY });
    const createdAt = new Date();
    // Inserted when absent: a workspace or source renamed through the admin API stays so.
    await new workspaces.WorkspaceRepository(handle.db).insertIfAbsent({
      _id: workspaceId,
      workspaceId,
      name: workspaceId,
      createdAt,
      settings: {},
    });
    await new workspaces.SourceRepository(handle.db).insertIfAbsent(workspaceId, {
      _id: workspaces.sourceDocumentId(workspaceId, sourceId),
      workspaceId,
      sourceId,
      name: sourceId,
      createdAt,
    });
    const adminKey = await new workspaces.AdminKeyService(
      new workspaces.AdminKeyRepository(handle.db),
    ).seed({
      rawKey: config.MERIDIAN_ADMIN_KEY,
      role: 'owner',
      workspaceId: null,
      name: 'local admin key (MERIDIAN_ADMIN_KEY)',
    });
    return { workspaceId, sourceId, database: config.MONGO_DB, adminKeyId: adminKey.keyId };
  } finally {
    await handle.close();
  }
}

/** `seed-workspace`: seeds, then prints one line (never the key itself). */
export const seedWorkspaceCommand: Command = {
  summary:
    'Make MERIDIAN_WRITE_KEY a key of MERIDIAN_WORKSPACE_ID and MERIDIAN_ADMIN_KEY an owner key in MONGO_DB (idempotent)',
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`takes no arguments, got "${args.join(' ')}"`);
    const seeded = await seedWorkspace();
    io.out(
      `Seeded workspace "${seeded.workspaceId}" (source "${seeded.sourceId}") and admin key ${seeded.adminKeyId} in database "${seeded.database}"`,
    );
  },
};

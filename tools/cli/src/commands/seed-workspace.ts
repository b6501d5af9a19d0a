import { loadConfig, platformEnv, type Environment } from '@meridian/config';
import { z } from 'zod';
import { UsageError, type Command } from '../command';

/** What `seed-workspace` reads; the defaults are the local stack's workspace and key. */
export const SeedWorkspaceEnv = platformEnv.pick({ MONGO_URL: true, MONGO_DB: true }).extend({
  MERIDIAN_WRITE_KEY: z.string().min(1).default('local-dev-key'),
  MERIDIAN_WORKSPACE_ID: z.string().min(1).max(64).default('local'),
  MERIDIAN_SOURCE_ID: z.string().min(1).max(64).default('local-source'),
});
export type SeedWorkspaceEnv = z.infer<typeof SeedWorkspaceEnv>;

export interface SeededWorkspace {
  readonly workspaceId: string;
  readonly sourceId: string;
  readonly database: string;
}

/**
 * Makes the write key an active key of the workspace's source, creating the collection
 * first. Idempotent, so the local stack runs it on every start; a key that belongs to
 * another workspace or was revoked is refused (WriteKeyConflictError).
 */
export async function seedWorkspace(env?: Environment): Promise<SeededWorkspace> {
  const config = loadConfig(SeedWorkspaceEnv, env);
  // Loaded on use: the persistence lib carries Nest decorators, which `node -r
  // @swc-node/register` only compiles with a tsconfig (SWC_NODE_PROJECT, as tools/stack
  // sets). Importing it up front would break every other command of a bare run.
  const { ensureCollections, openDatabase } = await import('@meridian/persistence');
  const { WriteKeyRepository, WriteKeyService, workspacesCollections } =
    await import('@meridian/workspaces');
  const handle = await openDatabase(config.MONGO_URL, config.MONGO_DB, { appName: 'meridian-cli' });
  try {
    await ensureCollections(handle.db, workspacesCollections);
    const writeKeys = new WriteKeyService(new WriteKeyRepository(handle.db));
    await writeKeys.seedWorkspace({
      workspaceId: config.MERIDIAN_WORKSPACE_ID,
      sourceId: config.MERIDIAN_SOURCE_ID,
      writeKey: config.MERIDIAN_WRITE_KEY,
    });
    return {
      workspaceId: config.MERIDIAN_WORKSPACE_ID,
      sourceId: config.MERIDIAN_SOURCE_ID,
      database: config.MONGO_DB,
    };
  } finally {
    await handle.close();
  }
}

/** `seed-workspace`: seeds, then prints one line (never the key itself). */
export const seedWorkspaceCommand: Command = {
  summary:
    'Make MERIDIAN_WRITE_KEY an active key of MERIDIAN_WORKSPACE_ID in MONGO_DB (idempotent)',
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`takes no arguments, got "${args.join(' ')}"`);
    const seeded = await seedWorkspace();
    io.out(
      `Seeded workspace "${seeded.workspaceId}" (source "${seeded.sourceId}") in database "${seeded.database}"`,
    );
  },
};

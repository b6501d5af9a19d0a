import { parseArgs } from 'node:util';
import { loadConfig, platformEnv, type Environment } from '@meridian/config';
import { z } from 'zod';
import { UsageError, type Command } from '../command';

const AdminKeyEnv = platformEnv.pick({ MONGO_URL: true, MONGO_DB: true });

const USAGE =
  'admin-key create --role <owner|admin|read-only> [--workspace <id>] [--name <name>] | ' +
  'admin-key revoke <keyId>';

const Role = z.enum(['owner', 'admin', 'read-only']);

/** What the arguments ask for. */
export type AdminKeyRequest =
  | {
      readonly action: 'create';
      readonly role: z.infer<typeof Role>;
      /** null: installation-wide. */
      readonly workspaceId: string | null;
      readonly name: string;
    }
  | { readonly action: 'revoke'; readonly keyId: string };

/** Parses `create …` or `revoke <keyId>`; anything else is a UsageError. */
export function adminKeyRequestOf(args: readonly string[]): AdminKeyRequest {
  const [action, ...rest] = args;
  if (action === 'revoke') {
    const [keyId, ...extra] = rest;
    if (keyId === undefined || extra.length > 0 || keyId.startsWith('-'))
      throw new UsageError(`revoke takes exactly one keyId\nusage: ${USAGE}`);
    return { action, keyId };
  }
  if (action !== 'create') throw new UsageError(`expected create or revoke\nusage: ${USAGE}`);
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      workspace: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals.join(' ')}"`);
  const role = Role.safeParse(values.role);
  if (!role.success)
    throw new UsageError(`--role must be owner, admin or read-only\nusage: ${USAGE}`);
  const workspaceId = values.workspace ?? null;
  return {
    action,
    role: role.data,
    workspaceId,
    name: values.name ?? `${role.data} key (CLI)`,
  };
}

/** The actor the audit log names for changes made with the CLI (no admin key involved). */
const CLI_ACTOR = { actorKeyId: 'cli', actorRole: 'owner' } as const;

/**
 * Creates or revokes an admin key directly in MONGO_DB, for bootstrapping an installation
 * (the admin API needs a key to create keys). Recorded in the audit log as actor "cli".
 */
export async function runAdminKey(
  request: AdminKeyRequest,
  out: (line: string) => void,
  env?: Environment,
): Promise<void> {
  const config = loadConfig(AdminKeyEnv, env);
  // Loaded on use, as in seed-workspace: the persistence lib carries Nest decorators.
  const { ensureCollections, openDatabase } = await import('@meridian/persistence');
  const {
    AdminKeyRepository,
    AdminKeyService,
    AuditLogRepository,
    WorkspaceRepository,
    workspacesCollections,
  } = await import('@meridian/workspaces');
  const handle = await openDatabase(config.MONGO_URL, config.MONGO_DB, { appName: 'meridian-cli' });
  try {
    await ensureCollections(handle.db, workspacesCollections);
    const keys = new AdminKeyService(new AdminKeyRepository(handle.db));
    const audit = new AuditLogRepository(handle.db);
    if (request.action === 'revoke') {
      const outcome = await keys.revoke(request.keyId);
      if (outcome === null) throw new Error(`admin key "${request.keyId}" does not exist`);
      if (outcome.revoked)
        await audit.append({
          ...CLI_ACTOR,
          workspaceId: outcome.key.workspaceId,
          at: new Date(),
          action: 'admin-key.revoke',
          targetType: 'admin-key',
          targetId: request.keyId,
        });
      out(`Revoked admin key ${request.keyId}${outcome.revoked ? '' : ' (it already was)'}`);
      return;
    }
    if (
      request.workspaceId !== null &&
      (await new WorkspaceRepository(handle.db).findById(request.workspaceId)) === null
    )
      throw new Error(`workspace "${request.workspaceId}" does not exist in ${config.MONGO_DB}`);
    const { key, rawKey } = await keys.create(request);
    await audit.append({
      ...CLI_ACTOR,
      workspaceId: key.workspaceId,
      at: new Date(),
      action: 'admin-key.create',
      targetType: 'admin-key',
      targetId: key.keyId,
      detailsJson: JSON.stringify({ name: key.name, role: key.role }),
    });
    out(
      `Created ${key.role} admin key ${key.keyId} for ${key.workspaceId === null ? 'every workspace' : `workspace "${key.workspaceId}"`}.`,
    );
    out('The key is shown this once; store it now:');
    out(rawKey);
  } finally {
    await handle.close();
  }
}

/** `admin-key create|revoke`. */
export const adminKeyCommand: Command = {
  summary: 'Create (printing the key once) or revoke an admin key in MONGO_DB',
  async run(args, io) {
    await runAdminKey(adminKeyRequestOf(args), (line) => io.out(line));
  },
};

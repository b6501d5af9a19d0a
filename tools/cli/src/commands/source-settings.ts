import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig, platformEnv, type Environment } from '@meridian/config';
import { z } from 'zod';
import { UsageError, type Command } from '../command';
import { compileTrackingPlan } from '@meridian/ingest-governance';

const SourceSettingsEnv = platformEnv.pick({ MONGO_URL: true, MONGO_DB: true });

/** What `source-settings` stores, from a JSON file (--file) or flags; flags win. */
export const SourceSettingsInput = z.strictObject({
  workspaceId: z.string().min(1).max(64),
  sourceId: z.string().min(1).max(64),
  missingConsentPolicy: z.enum(['accept', 'accept-unconsented', 'refuse']),
  defaultPhoneRegion: z.string().length(2).optional(),
  trackingPlan: z.unknown().optional(),
});
export type SourceSettingsInput = z.infer<typeof SourceSettingsInput>;

const USAGE =
  'source-settings [--file <settings.json>] --workspace <id> --source <id> ' +
  '--missing-consent <accept|accept-unconsented|refuse> [--phone-region <CC>] [--tracking-plan <plan.json>]';

/** The settings the arguments describe: the --file JSON, overridden by flags. */
export async function sourceSettingsInputOf(args: readonly string[]): Promise<SourceSettingsInput> {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      workspace: { type: 'string' },
      source: { type: 'string' },
      'missing-consent': { type: 'string' },
      'phone-region': { type: 'string' },
      'tracking-plan': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals.join(' ')}"`);
  const fromFile = values.file === undefined ? {} : await readJsonObject(values.file);
  const candidate = {
    ...fromFile,
    ...defined('workspaceId', values.workspace),
    ...defined('sourceId', values.source),
    ...defined('missingConsentPolicy', values['missing-consent']),
    ...defined('defaultPhoneRegion', values['phone-region']),
    ...(values['tracking-plan'] === undefined
      ? {}
      : { trackingPlan: await readJson(values['tracking-plan']) }),
  };
  const parsed = SourceSettingsInput.safeParse(candidate);
  if (!parsed.success) throw new UsageError(`${z.prettifyError(parsed.error)}\nusage: ${USAGE}`);
  return parsed.data;
}

/** Throws when a tracking plan definition is invalid (see SourceSettingsService). */
export type PlanValidator = (definition: unknown) => void;

/** Validates (compiling any tracking plan) and stores the settings; returns what was stored. */
export async function putSourceSettings(
  input: SourceSettingsInput,
  validateTrackingPlan: PlanValidator = (definition) => {
    compileTrackingPlan(definition);
  },
  env?: Environment,
) {
  const config = loadConfig(SourceSettingsEnv, env);
  // Loaded on use, as in seed-workspace: the persistence lib carries Nest decorators.
  const { ensureCollections, openDatabase } = await import('@meridian/persistence');
  const { SourceSettingsRepository, SourceSettingsService, workspacesCollections } =
    await import('@meridian/workspaces');
  const handle = await openDatabase(config.MONGO_URL, config.MONGO_DB, { appName: 'meridian-cli' });
  try {
    await ensureCollections(handle.db, workspacesCollections);
    const service = new SourceSettingsService(
      new SourceSettingsRepository(handle.db),
      validateTrackingPlan,
    );
    return await service.put(input);
  } finally {
    await handle.close();
  }
}

/** `source-settings`: stores one source's governance settings and prints them. */
export const sourceSettingsCommand: Command = {
  summary: "Set a source's consent policy, phone region and tracking plan in MONGO_DB",
  async run(args, io) {
    const stored = await putSourceSettings(await sourceSettingsInputOf(args));
    io.out(`Stored settings of source "${stored.sourceId}" in workspace "${stored.workspaceId}":`);
    io.out(JSON.stringify(stored, null, 2));
  },
};

function defined<K extends string>(key: K, value: string | undefined) {
  return value === undefined ? {} : { [key]: value };
}

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${error instanceof Error ? error.message : error}`);
  }
}

async function readJsonObject(path: string): Promise<Record<string, unknown>> {
  const parsed = z.record(z.string(), z.unknown()).safeParse(await readJson(path));
  if (!parsed.success) throw new UsageError(`${path} must hold a JSON object`);
  return parsed.data;
}

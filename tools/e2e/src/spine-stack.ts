import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestNamespace } from '@meridian/test-fixtures';
import {
  freePort,
  orCleanUp,
  REPO_ROOT,
  startService,
  type ServiceHandle,
} from '@meridian/testing';

export const SPINE_APPS = [
  'ingestion',
  'identity',
  'scoring',
  'orchestration',
  'sender-email',
] as const;
export type SpineApp = (typeof SPINE_APPS)[number];

export interface SpineStack {
  readonly namespace: string;
  readonly writeKey: string;
  /** Headers of the seeded installation-wide admin key, for the admin API. */
  readonly adminHeaders: Readonly<Record<string, string>>;
  /** Headers that let a request read the workspace through the profile API. */
  readonly profileApiHeaders: Readonly<Record<string, string>>;
  /** Base URL of a service, e.g. http://127.0.0.1:41234. */
  url(app: SpineApp): string;
  readonly mailApi: string;
  readonly spanFiles: readonly string[];
  readonly services: readonly ServiceHandle[];
  stop(): Promise<void>;
}

/** Runs a tools/cli command the way an operator would, failing loudly with its output. */
function cli(command: string, env: Record<string, string>): void {
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/cli/src/main.ts', command],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    throw new Error(
      `cli ${command} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
}

/**
 * Starts the whole spine as separate processes in a namespace and database of its own:
 * streams provisioned and the workspace seeded through the CLI, an SMTP capture server, and
 * every service with its own span file.
 */
export async function startSpineStack(): Promise<SpineStack> {
  // The CLI provisions the streams, as an operator would; the namespace object only names
  // them, gives the services their environment and removes everything at the end.
  const testNamespace = await createTestNamespace({
    label: 'e2e',
    partitions: 4,
    provision: false,
  });
  const namespace = testNamespace.name;
  const writeKey = `key-${namespace}`;
  const adminKey = `admin-${namespace}`;
  const spanDir = mkdtempSync(join(tmpdir(), `${namespace}-spans-`));
  const services: ServiceHandle[] = [];
  const stop = async () => {
    await Promise.all(services.map((service) => service.stop()));
    await testNamespace.dispose();
  };
  return orCleanUp(async () => {
    cli('provision', testNamespace.env());
    cli('seed-workspace', {
      ...testNamespace.env(),
      MERIDIAN_WRITE_KEY: writeKey,
      MERIDIAN_WORKSPACE_ID: 'local',
      MERIDIAN_ADMIN_KEY: adminKey,
    });
    const [smtpPort, mailPort] = [await freePort(), await freePort()];
    services.push(
      await startService({
        entry: 'tools/smtp-capture/src/main.ts',
        port: mailPort,
        namespace,
        env: { SMTP_CAPTURE_PORT: String(smtpPort), SMTP_CAPTURE_HTTP_PORT: String(mailPort) },
      }),
    );
    const urls = new Map<SpineApp, string>();
    const spanFiles: string[] = [];
    for (const app of SPINE_APPS) {
      const port = await freePort();
      const spanFile = join(spanDir, `${app}.jsonl`);
      const service = await startService({
        app,
        port,
        namespace,
        env: testNamespace.env({
          HTTP_PORT: String(port),
          // Only ingestion serves gRPC; a port of its own keeps parallel runs apart.
          GRPC_PORT: String(await freePort()),
          MERIDIAN_SPAN_FILE: spanFile,
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        }),
      });
      services.push(service);
      urls.set(app, service.url);
      spanFiles.push(spanFile);
    }
    const url = (app: SpineApp) => {
      const found = urls.get(app);
      if (!found) throw new Error(`service ${app} is not running`);
      return found;
    };
    return {
      namespace,
      writeKey,
      adminHeaders: { authorization: `Bearer ${adminKey}` },
      // The seeded admin key is installation-wide, so it names the workspace it reads.
      profileApiHeaders: { authorization: `Bearer ${adminKey}`, 'x-meridian-workspace': 'local' },
      url,
      mailApi: `http://127.0.0.1:${mailPort}`,
      spanFiles,
      services,
      stop,
    };
  }, stop);
}

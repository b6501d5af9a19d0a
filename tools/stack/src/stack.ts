import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  cliEnv,
  serviceEnv,
  smtpUrlOf,
  swcProject,
  type ChildEnv,
  type StackConfig,
  type StackLayout,
} from './config';
import {
  answers200,
  backgroundFor,
  ensureStarted,
  runStep,
  StackError,
  waitReady,
  type Background,
  type Launched,
} from './launch';
import { runningPid, stopProcess } from '@meridian/processes';
import { DEV_INFRA, SERVICES, SMTP_CAPTURE, type ServiceName } from './services';

export interface StackContext {
  readonly layout: StackLayout;
  readonly config: StackConfig;
  readonly inherited: ChildEnv;
  readonly ports: Readonly<Record<ServiceName, number>>;
  readonly out: (line: string) => void;
}

const LOCAL_INFRA = 'tools/local-infra/src/main.ts';
const CLI = 'tools/cli/src/main.ts';
// Collections and indexes are ensured by each service at start-up (idempotent), so the
// operator's steps are the bus and the workspace.
const CLI_STEPS = ['provision', 'seed-workspace'] as const;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** tools/local-infra on the dev profile; its own report goes straight to our stdout. */
function localInfra(ctx: StackContext, command: 'up' | 'down' | 'status'): Promise<void> {
  const { root } = ctx.layout;
  const env = { ...ctx.inherited, ...swcProject(root, 'tools/local-infra') };
  const args = [command, '--profile', 'dev'];
  return runStep(`local-infra ${command}`, root, LOCAL_INFRA, args, env);
}

/** Entry points `stack up` needs that do not exist (yet), each with what it is for. */
export function missingPieces(root: string): string[] {
  const needed = [
    { path: CLI, role: `tools/cli: ${CLI_STEPS.join(', ')}` },
    ...SERVICES.map((service) => ({ path: service.main, role: `the ${service.name} service` })),
  ];
  return needed
    .filter((piece) => !existsSync(join(root, piece.path)))
    .map((piece) => `${piece.path} (${piece.role})`);
}

function smtpCapture(ctx: StackContext): Background {
  const smtpPort = ctx.config[SMTP_CAPTURE.smtpPortEnv];
  const httpPort = ctx.config[SMTP_CAPTURE.httpPortEnv];
  return backgroundFor(ctx.layout.dataDir, {
    label: 'smtp-capture',
    script: join(ctx.layout.root, 'tools/smtp-capture/src/main.ts'),
    url: `smtp://127.0.0.1:${smtpPort}`,
    ports: [smtpPort, httpPort],
    readyUrl: `http://127.0.0.1:${httpPort}/health`,
  });
}

function service(ctx: StackContext, name: ServiceName, main: string): Background {
  const url = `http://127.0.0.1:${ctx.ports[name]}`;
  return backgroundFor(ctx.layout.dataDir, {
    label: name,
    script: join(ctx.layout.root, main),
    url,
    ports: [ctx.ports[name]],
    readyUrl: `${url}/health/ready`,
  });
}

/** Every background process of the stack, services first: the order `down` stops them in. */
export function backgroundProcesses(ctx: StackContext): Background[] {
  const services = [...SERVICES].reverse().map((one) => service(ctx, one.name, one.main));
  return [...services, smtpCapture(ctx)];
}

async function startSmtpCapture(ctx: StackContext): Promise<Launched> {
  const capture = smtpCapture(ctx);
  const env = {
    ...ctx.inherited,
    ...swcProject(ctx.layout.root, 'tools/smtp-capture'),
    SMTP_CAPTURE_PORT: String(ctx.config[SMTP_CAPTURE.smtpPortEnv]),
    SMTP_CAPTURE_HTTP_PORT: String(ctx.config[SMTP_CAPTURE.httpPortEnv]),
    SMTP_CAPTURE_FILE: join(ctx.layout.dataDir, 'mail.jsonl'),
  };
  const launched = await ensureStarted(ctx.layout.root, capture, env);
  await waitReady(launched, 30_000);
  return launched;
}

async function startServices(ctx: StackContext): Promise<Launched[]> {
  const launched: Launched[] = [];
  for (const definition of SERVICES) {
    const background = service(ctx, definition.name, definition.main);
    const port = ctx.ports[definition.name];
    const env = serviceEnv(definition.name, port, ctx.config, ctx.layout, ctx.inherited);
    launched.push(await ensureStarted(ctx.layout.root, background, env));
  }
  const results = await Promise.allSettled(
    launched.map((one) => waitReady(one, ctx.config.STACK_READY_TIMEOUT_MS)),
  );
  const failures = results.flatMap((result) =>
    result.status === 'rejected' ? [messageOf(result.reason)] : [],
  );
  if (failures.length > 0) throw new StackError(failures.join('\n\n'));
  return launched;
}

/** Provisioning, indexes and the local workspace, all by tools/cli. */
async function runCli(ctx: StackContext): Promise<void> {
  const env = cliEnv(ctx.config, ctx.layout, ctx.inherited);
  for (const step of CLI_STEPS) {
    try {
      await runStep(`tools/cli ${step}`, ctx.layout.root, CLI, [step], env);
    } catch (error) {
      const needs = `stack up needs tools/cli to implement: ${CLI_STEPS.join(', ')}`;
      throw new StackError(`${messageOf(error)}; ${needs}`);
    }
  }
}

/**
 * Infrastructure, mail capture, provisioning, the local workspace, then every service; waits
 * until each answers /health/ready. Safe to repeat: running pieces are left as they are.
 */
export async function stackUp(ctx: StackContext): Promise<void> {
  const { root } = ctx.layout;
  const missing = missingPieces(root);
  if (missing.length > 0) {
    throw new StackError(
      `stack up needs pieces that are not written yet; nothing was started:\n  ${missing.join('\n  ')}`,
    );
  }
  try {
    await localInfra(ctx, 'up');
    const capture = ctx.config.SMTP_URL === undefined ? await startSmtpCapture(ctx) : undefined;
    await runCli(ctx);
    const services = await startServices(ctx);
    ctx.out(summary(ctx, services, capture));
  } catch (error) {
    // Leave what did start running for a look at its logs; say how to stop it.
    throw new StackError(
      `${messageOf(error)}\n\nWhat did start keeps running; \`npm run stack:down\` stops it.`,
    );
  }
}

function summary(ctx: StackContext, services: Launched[], capture: Launched | undefined): string {
  const show = (path: string) => relative(ctx.layout.root, path);
  const line = ({ process, state, pid }: Launched) =>
    `  ${process.label.padEnd(14)} ${process.url.padEnd(24)} ${state.padEnd(16)} pid ${String(pid).padEnd(8)} log ${show(process.logFile)}`;
  const httpPort = ctx.config[SMTP_CAPTURE.httpPortEnv];
  const mail = capture
    ? [line(capture), `  ${''.padEnd(14)} captured mail: http://127.0.0.1:${httpPort}/api/messages`]
    : [`  mail goes to ${smtpUrlOf(ctx.config)} (SMTP_URL)`];
  return [
    'stack up: every service answers /health/ready',
    ...services.map(line),
    ...mail,
    `  NATS ${DEV_INFRA.natsUrl} (monitoring ${DEV_INFRA.natsMonitorUrl}), MongoDB ${DEV_INFRA.mongoUrl}/meridian`,
    `  write key ${ctx.config.MERIDIAN_WRITE_KEY}, spans ${show(join(ctx.layout.dataDir, 'spans.jsonl'))}`,
  ].join('\n');
}

/** Stops services, the capture server and the infrastructure; keeps going past failures. */
export async function stackDown(ctx: StackContext): Promise<void> {
  const errors: string[] = [];
  for (const background of backgroundProcesses(ctx)) {
    try {
      const outcome = await stopProcess(background.pidFile, background.script);
      ctx.out(`  ${background.label.padEnd(14)} ${outcome}`);
    } catch (error) {
      errors.push(`${background.label}: ${messageOf(error)}`);
    }
  }
  try {
    await localInfra(ctx, 'down');
  } catch (error) {
    errors.push(messageOf(error));
  }
  if (errors.length > 0) {
    throw new StackError(`stack down could not stop everything:\n  ${errors.join('\n  ')}`);
  }
}

/** Whether the infrastructure and each background process run and answer; true when all do. */
export async function stackStatus(ctx: StackContext): Promise<boolean> {
  // local-infra status exits 1 when a server is down, after printing which: that is an
  // answer here, not an error.
  let healthy = await localInfra(ctx, 'status').then(
    () => true,
    () => false,
  );
  const external = ctx.config.SMTP_URL !== undefined;
  const processes = backgroundProcesses(ctx).filter(
    (one) => !(external && one.label === 'smtp-capture'),
  );
  for (const background of processes.reverse()) {
    const pid = runningPid(background.pidFile, background.script);
    const ready = pid !== undefined && (await answers200(background.readyUrl));
    const state = pid === undefined ? 'not running' : ready ? 'ready' : 'not ready';
    healthy &&= ready;
    ctx.out(`  ${background.label.padEnd(14)} ${background.url.padEnd(24)} ${state}`);
  }
  return healthy;
}

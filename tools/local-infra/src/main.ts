import { relative, resolve } from 'node:path';
import { envInt, loadConfig } from '@meridian/config';
import { z } from 'zod';
import { parseArgs, UsageError, type CliArgs } from './args';
import { ensureGoProgram, GO_PROGRAMS, type Toolchain } from './binaries';
import { down, status, up } from './infra';
import { planFor } from './profiles';
import { allRunning, formatReport } from './report';

/** tools/local-infra/src → repository root. */
const ROOT = resolve(__dirname, '..', '..', '..');

const localInfraEnv = z.object({
  PATH: z.string().default(''),
  /** How long `up` waits for both servers to answer. */
  LOCAL_INFRA_READY_TIMEOUT_MS: envInt(1_000, 600_000).default(60_000),
});

async function build(tools: Toolchain): Promise<number> {
  for (const program of GO_PROGRAMS) {
    const binary = await ensureGoProgram(program, tools);
    const where = binary ? `${relative(ROOT, binary.path)} (${binary.origin})` : 'not built: no Go';
    process.stdout.write(`local-infra build: ${program.padEnd(12)} ${where}\n`);
  }
  return 0;
}

async function run(args: CliArgs): Promise<number> {
  const config = loadConfig(localInfraEnv);
  const tools: Toolchain = {
    root: ROOT,
    pathList: config.PATH,
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const dataDir = args.dataDir === undefined ? undefined : resolve(args.dataDir);
  const plan = planFor({ profile: args.profile, root: ROOT, dataDir, ports: args.ports });
  switch (args.command) {
    case 'build':
      return build(tools);
    case 'up': {
      const reports = await up(plan, tools, config.LOCAL_INFRA_READY_TIMEOUT_MS);
      process.stdout.write(`${formatReport(plan, 'up', reports)}\n`);
      return 0;
    }
    case 'down':
      process.stdout.write(`${formatReport(plan, 'down', await down(plan))}\n`);
      return 0;
    case 'status': {
      const reports = await status(plan);
      process.stdout.write(`${formatReport(plan, 'status', reports)}\n`);
      return allRunning(reports) ? 0 : 1;
    }
  }
}

function main(argv: readonly string[]): Promise<number> {
  // parseArgs throws synchronously on bad usage; run it inside the promise chain.
  return Promise.resolve().then(() => run(parseArgs(argv)));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `local-infra: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);

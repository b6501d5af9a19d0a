import { resolve } from 'node:path';
import { loadConfig } from '@meridian/config';
import { inheritedEnv, layoutFor, stackEnv } from './config';
import { demo } from './demo/demo-command';
import { StackError } from './launch';
import { servicePorts } from './services';
import { stackDown, stackStatus, stackUp, type StackContext } from './stack';

/** tools/stack/src → repository root. */
const ROOT = resolve(__dirname, '..', '..', '..');
const USAGE = 'usage: stack <up|down|status|demo>';
const COMMANDS = ['up', 'down', 'status', 'demo'];

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (rest.length > 0 || command === undefined || !COMMANDS.includes(command)) {
    throw new StackError(USAGE);
  }
  const inherited = loadConfig(inheritedEnv);
  const ctx: StackContext = {
    layout: layoutFor(ROOT),
    config: loadConfig(stackEnv),
    inherited,
    ports: servicePorts(inherited),
    out: (line) => process.stdout.write(`${line}\n`),
  };
  if (command === 'up') await stackUp(ctx);
  if (command === 'down') await stackDown(ctx);
  if (command === 'demo') {
    await stackUp(ctx);
    await demo(ctx);
  }
  if (command === 'status') return (await stackStatus(ctx)) ? 0 : 1;
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`stack: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

import { formatReport } from './report';
import { runSimulation, type SimulationOptions } from './simulation';

const USAGE =
  'usage: npm run simulate -- [--seed <integer>] [--customers <n>] [--days <n>] [--json]';

/** `npm run simulate -- --seed 1`: runs the simulation and prints the table, then the JSON. */
export function parseSimulatorArgs(args: readonly string[]): {
  options: SimulationOptions;
  jsonOnly: boolean;
} {
  let seed = 1;
  let customers: number | undefined;
  let days: number | undefined;
  let jsonOnly = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') {
      jsonOnly = true;
      continue;
    }
    const value = Number(args[i + 1]);
    if (!(Number.isInteger(value) && (arg === '--seed' || value > 0))) {
      throw new RangeError(`${arg} needs an integer value\n${USAGE}`);
    }
    if (arg === '--seed') seed = value;
    else if (arg === '--customers') customers = value;
    else if (arg === '--days') days = value;
    else throw new RangeError(`unknown option ${arg}\n${USAGE}`);
    i++;
  }
  return {
    options: { seed, customers, ...(days === undefined ? {} : { nba: { days } }) },
    jsonOnly,
  };
}

function main(): void {
  const { options, jsonOnly } = parseSimulatorArgs(process.argv.slice(2));
  const started = process.hrtime.bigint();
  const report = runSimulation(options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!jsonOnly) console.log(`${formatReport(report)}\n`);
  console.log(JSON.stringify(report, null, 2));
  console.error(`simulated in ${seconds.toFixed(1)} s`);
  process.exitCode = report.targets.every((target) => target.met) ? 0 : 1;
}

if (require.main === module) {
  try {
    main();
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}

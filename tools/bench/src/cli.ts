import type { Benchmark, BenchIo } from './benchmark';
import { parseBenchArgs, USAGE, UsageError } from './options';
import { describeMachine, formatTable, jsonReport } from './report';

export interface CliIo extends BenchIo {
  /** The result: the table, or the JSON document with --json. */
  out(line: string): void;
}

/**
 * Runs one benchmark from the command line and prints its result; returns the exit code.
 * A missed target only fails the run with --assert: a benchmark reports, it does not judge.
 */
export async function runBenchCli(
  argv: readonly string[],
  registry: Readonly<Record<string, Benchmark>>,
  io: CliIo,
): Promise<number> {
  let invocation;
  try {
    invocation = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.progress(`${error.message}\n${USAGE}\n${benchmarkList(registry)}`);
    return 2;
  }
  const benchmark = registry[invocation.benchmark];
  if (benchmark === undefined) {
    io.progress(`unknown benchmark "${invocation.benchmark}"\n${benchmarkList(registry)}`);
    return 2;
  }
  // Described before the run, so the load average is the other work's, not ours.
  const machine = describeMachine();
  const date = new Date();
  const result = await benchmark.run(invocation.options, io);
  if (invocation.options.json) io.out(JSON.stringify(jsonReport(result, machine, date), null, 2));
  else for (const line of formatTable(result, machine, date)) io.out(line);
  const missed = result.targets.filter((target) => !target.met);
  return invocation.options.assert && missed.length > 0 ? 1 : 0;
}

function benchmarkList(registry: Readonly<Record<string, Benchmark>>): string {
  return [
    'benchmarks:',
    ...Object.entries(registry).map(
      ([name, benchmark]) => `  ${name.padEnd(10)} ${benchmark.summary}`,
    ),
  ].join('\n');
}

import { ExitCode, UsageError, type CliIo, type CommandMap } from './command';

const PROGRAM = 'node -r @swc-node/register tools/cli/src/main.ts';

export function usage(commands: CommandMap): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length), 4);
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return [
    `Usage: ${PROGRAM} <command> [arguments]`,
    '',
    'Commands:',
    ...lines,
    `  ${'help'.padEnd(width)}  Show this text`,
  ].join('\n');
}

/**
 * Runs the command named by the first argument and returns the process exit code: 0 on
 * success, 1 when the command failed, 2 when the command line was wrong.
 */
export async function runCli(
  argv: readonly string[],
  commands: CommandMap,
  io: CliIo,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(usage(commands));
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage(commands)}`);
    return ExitCode.usage;
  }
  try {
    await command.run(args, io);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${name}: ${error.message}\n\n${usage(commands)}`);
      return ExitCode.usage;
    }
    io.err(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.failed;
  }
}

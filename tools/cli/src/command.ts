/** Where a command writes: the console in main.ts, a buffer in specs. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** One `meridian` tool command, registered by name in commands/index.ts. */
export interface Command {
  /** One line for the usage text. */
  readonly summary: string;
  /** Runs to completion; throws to fail (a UsageError for bad arguments). */
  run(args: readonly string[], io: CliIo): Promise<void>;
}

export type CommandMap = Readonly<Record<string, Command>>;

/** The command was called wrongly; the usage text is shown with the message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

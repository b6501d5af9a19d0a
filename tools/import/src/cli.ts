import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  formatOf,
  MappingUsageError,
  mappingNamed,
  openSource,
  type MappingEntry,
} from '@meridian/bulk-import';
import type { ImportConfig } from './config';
import { parseImportArgs, usage, UsageError, type ImportArgs } from './cli-args';
import { Importer, type ImportSummary } from './importer';
import { DEFAULT_DATA_DIR, REPO_ROOT } from './paths';
import { ProgressReporter, type ProgressOutput } from './progress';
import { summaryLines } from './report';
import { BatchClient, type BatchSender } from './send';
import { checkpointPathFor, CheckpointStore, rejectsPathFor, RejectsLog } from './state';

export interface CliIo {
  /** The summary. */
  readonly out: (line: string) => void;
  /** Errors and usage. */
  readonly err: (line: string) => void;
  /** The progress bar (stderr). */
  readonly progress: ProgressOutput;
}

export interface CliDependencies {
  readonly config: ImportConfig;
  readonly io: CliIo;
  /** Ctrl-C: stop, keep the checkpoint. */
  readonly signal?: AbortSignal;
  /** Replaces the HTTP client (specs). */
  readonly sender?: BatchSender;
  /** Seconds between plain progress lines when stderr is not a terminal. */
  readonly plainProgressIntervalMs?: number;
}

export const ExitCode = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Runs one import from a command line; returns the process exit code. */
export async function runImportCli(
  argv: readonly string[],
  deps: CliDependencies,
): Promise<number> {
  const { io } = deps;
  let args: ImportArgs;
  let entry: MappingEntry;
  try {
    args = parseImportArgs(argv);
    if (args.help) {
      io.out(usage());
      return ExitCode.ok;
    }
    entry = mappingNamed(args.mapping);
    checkMappingFlags(args, entry);
  } catch (error) {
    if (error instanceof UsageError || error instanceof MappingUsageError) {
      io.err(`${error.message}\n\n${usage()}`);
      return ExitCode.usage;
    }
    throw error;
  }
  try {
    const summary = await importFile(args, entry, deps);
    for (const line of summaryLines(summary)) io.out(line);
    return exitCodeOf(summary, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof MappingUsageError) {
      io.err(`${error.message}\n\n${usage()}`);
      return ExitCode.usage;
    }
    io.err(`import failed: ${messageOf(error)}`);
    return ExitCode.failed;
  }
}

async function importFile(
  args: ImportArgs,
  entry: MappingEntry,
  deps: CliDependencies,
): Promise<ImportSummary> {
  const { config, io } = deps;
  const file = fileOf(args, entry, config);
  const mapping = entry.create(file, args.mappingFlags);
  if (!existsSync(file)) throw new Error(`file not found: ${file}`);
  const source = await openSource(file, args.format ?? formatOf(file) ?? mapping.format);
  const checkpointPath =
    args.checkpoint ??
    checkpointPathFor(
      config.IMPORT_DATA_DIR ?? DEFAULT_DATA_DIR,
      mapping.fingerprint,
      file,
      source.totalBytes,
    );
  const progress: { reporter?: ProgressReporter } = {};
  const sender =
    deps.sender ??
    new BatchClient({
      url: config.INGESTION_URL,
      writeKey: config.MERIDIAN_WRITE_KEY,
      maxAttempts: config.IMPORT_MAX_ATTEMPTS,
      onRetry: ({ attempt, delayMs, reason }) =>
        progress.reporter?.note(
          `retry ${attempt} in ${(delayMs / 1000).toFixed(1)}s after ${reason}`,
        ),
    });
  const importer = new Importer({
    mapping,
    source,
    checkpoint: new CheckpointStore(checkpointPath),
    rejects: new RejectsLog(rejectsPathFor(checkpointPath)),
    sender,
    batchSize: config.IMPORT_BATCH_SIZE,
    maxBatchBytes: config.IMPORT_MAX_BATCH_BYTES,
    concurrency: config.IMPORT_CONCURRENCY,
    limit: args.limit,
    restart: args.restart,
    signal: deps.signal,
  });
  const reporter = new ProgressReporter(
    io.progress,
    () => importer.snapshot(),
    deps.plainProgressIntervalMs,
  );
  progress.reporter = reporter;
  reporter.start();
  try {
    return await importer.run();
  } finally {
    reporter.stop();
  }
}

/** The file named on the command line (from where npm was run), else the mapping's default. */
function fileOf(args: ImportArgs, entry: MappingEntry, config: ImportConfig): string {
  const file = args.file
    ? resolve(config.INIT_CWD ?? process.cwd(), args.file)
    : entry.defaultFile && resolve(REPO_ROOT, entry.defaultFile);
  if (!file) throw new UsageError(`mapping ${args.mapping} has no default file: name one`);
  return file;
}

function checkMappingFlags(args: ImportArgs, entry: MappingEntry): void {
  const foreign = Object.entries(args.mappingFlags)
    .filter(([name, value]) => value !== undefined && !entry.flags.includes(name))
    .map(([name]) => `--${name}`);
  if (foreign.length > 0) {
    throw new UsageError(`mapping ${args.mapping} does not take ${foreign.join(', ')}`);
  }
}

function exitCodeOf(summary: ImportSummary, io: CliIo): number {
  if (summary.status === 'aborted') return ExitCode.interrupted;
  if (summary.status === 'failed') {
    io.err(`import failed: ${messageOf(summary.error)}`);
    return ExitCode.failed;
  }
  return ExitCode.ok;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import {
  FIELDS_FLAGS,
  mappings,
  type MappingFlags,
  type SourceFormat,
} from '@meridian/bulk-import';

export const PROGRAM = 'npm run import --';

/** The command line was wrong: the CLI prints the message and the usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ImportArgs {
  readonly help: boolean;
  readonly mapping: string;
  readonly file?: string;
  readonly restart: boolean;
  readonly limit?: number;
  readonly checkpoint?: string;
  readonly format?: SourceFormat;
  /** Options only some mappings read (the generic mapping's columns), by name. */
  readonly mappingFlags: MappingFlags;
}

const options: ParseArgsOptionsConfig = {
  mapping: { type: 'string', short: 'm' },
  restart: { type: 'boolean' },
  limit: { type: 'string' },
  checkpoint: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(FIELDS_FLAGS.map((name) => [name, { type: 'string' }])),
};

export function parseImportArgs(argv: readonly string[]): ImportArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const text = (name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const help = values['help'] === true;
  const mapping = text('mapping');
  if (!mapping && !help) throw new UsageError('--mapping is required');
  if (positionals.length > 1)
    throw new UsageError(`one file at a time, got: ${positionals.join(' ')}`);
  const mappingFlags = Object.fromEntries(FIELDS_FLAGS.map((name) => [name, text(name)]));
  return {
    help,
    mapping: mapping ?? '',
    file: positionals[0],
    restart: values['restart'] === true,
    limit: limitOf(text('limit')),
    checkpoint: text('checkpoint'),
    format: formatOption(text('format')),
    mappingFlags,
  };
}

function limitOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`--limit takes a positive number of groups, got "${text}"`);
  }
  return Number(text);
}

function formatOption(text: string | undefined): SourceFormat | undefined {
  if (text === undefined) return undefined;
  if (text === 'csv' || text === 'ndjson') return text;
  throw new UsageError(`--format is csv or ndjson, got "${text}"`);
}

export function usage(): string {
  const names = Object.entries(mappings).map(
    ([name, entry]) => `  ${name.padEnd(14)} ${entry.summary}`,
  );
  return [
    `Usage: ${PROGRAM} --mapping <name> [file] [options]`,
    '',
    'Streams a CSV or NDJSON file (optionally .gz) into ingestion /v1/batch, resumably.',
    '',
    'Mappings:',
    ...names,
    '',
    'Options:',
    '  --restart             ignore the checkpoint and send everything again (ids are stable)',
    '  --limit <n>           import only the first n groups of the file',
    '  --checkpoint <path>   checkpoint file (default .data/import/<mapping>-<sha>.json)',
    '  --format csv|ndjson   when the file name does not tell',
    '',
    'Mapping "fields" (one call per row):',
    '  --type track|identify --event <name> | --event-column <col>',
    '  --user-id-column <col> --anonymous-id-column <col> --timestamp-column <col>',
    '  --key-column <col>    stable row id for messageIds (default: a hash of the row)',
    '  --columns a,b,c       properties/traits (default: every other column)',
    '  --source <name>       messageId namespace (default: the file name)',
    '',
    'Environment: INGESTION_URL, MERIDIAN_WRITE_KEY, IMPORT_BATCH_SIZE, IMPORT_CONCURRENCY,',
    '  IMPORT_MAX_BATCH_BYTES, IMPORT_MAX_ATTEMPTS, IMPORT_DATA_DIR',
  ].join('\n');
}

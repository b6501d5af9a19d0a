import { basename } from 'node:path';
import { FIELDS, FieldsSpec, fieldsMapping } from './fields';
import type { Mapping } from './mapping';
import { ONLINE_RETAIL, ONLINE_RETAIL_DEFAULT_FILE, onlineRetailMapping } from './online-retail';

/** Options of the command line a mapping reads (the generic mapping's column names). */
export type MappingFlags = Readonly<Record<string, string | undefined>>;

export interface MappingEntry {
  readonly summary: string;
  /** The file imported when none is given, relative to the repository root. */
  readonly defaultFile?: string;
  /** The command-line options this mapping accepts besides the common ones. */
  readonly flags: readonly string[];
  create(file: string, flags: MappingFlags): Mapping;
}

/** A mapping name or mapping option the command line got wrong. */
export class MappingUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingUsageError';
  }
}

export const FIELDS_FLAGS = [
  'type',
  'event',
  'event-column',
  'user-id-column',
  'anonymous-id-column',
  'timestamp-column',
  'key-column',
  'columns',
  'source',
] as const;

export const mappings: Readonly<Record<string, MappingEntry>> = {
  [ONLINE_RETAIL]: {
    summary: 'UCI Online Retail: one Order Completed / Order Refunded per invoice',
    defaultFile: ONLINE_RETAIL_DEFAULT_FILE,
    flags: [],
    create: () => onlineRetailMapping,
  },
  [FIELDS]: {
    summary: 'any CSV/NDJSON: one track or identify per row, columns named by options',
    flags: FIELDS_FLAGS,
    create: createFieldsMapping,
  },
};

export function mappingNamed(name: string): MappingEntry {
  const entry = Object.hasOwn(mappings, name) ? mappings[name] : undefined;
  if (!entry) {
    throw new MappingUsageError(
      `unknown mapping "${name}"; known: ${Object.keys(mappings).join(', ')}`,
    );
  }
  return entry;
}

function createFieldsMapping(file: string, flags: MappingFlags): Mapping {
  const parsed = FieldsSpec.safeParse({
    type: flags['type'],
    event: flags['event'],
    eventColumn: flags['event-column'],
    userIdColumn: flags['user-id-column'],
    anonymousIdColumn: flags['anonymous-id-column'],
    timestampColumn: flags['timestamp-column'],
    keyColumn: flags['key-column'],
    columns: flags['columns']?.split(',').map((name) => name.trim()),
    source: flags['source'] ?? sourceNameOf(file),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`,
    );
    throw new MappingUsageError(`mapping ${FIELDS}: ${issues.join('; ')}`);
  }
  return fieldsMapping(parsed.data);
}

/** "events-2024.ndjson.gz" → "events-2024": the default namespace of a file's messageIds. */
export function sourceNameOf(file: string): string {
  const name = basename(file)
    .replace(/\.gz$/i, '')
    .replace(/\.(csv|ndjson|jsonl)$/i, '')
    .replace(/[^A-Za-z0-9._-]/g, '-');
  return name.slice(0, 40) || 'file';
}

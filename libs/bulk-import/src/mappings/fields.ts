import { z } from 'zod';
import type { RowGroup } from '../group';
import type { SourceRow } from '../read';
import {
  importMessageId,
  invalid,
  sha256Hex,
  type GroupOutcome,
  type ImportCall,
  type Mapping,
} from './mapping';

export const FIELDS = 'fields';

const column = z.string().trim().min(1);

/**
 * The generic mapping: one call per row of a simple CSV or NDJSON file, columns named on the
 * command line. `source` namespaces the messageIds, so two files with the same row keys do
 * not deduplicate each other.
 */
export const FieldsSpec = z
  .object({
    type: z.enum(['track', 'identify']).default('track'),
    /** The event name for every row (track). */
    event: z.string().trim().min(1).max(200).optional(),
    /** Or the column holding each row's event name (track). */
    eventColumn: column.optional(),
    userIdColumn: column.optional(),
    anonymousIdColumn: column.optional(),
    timestampColumn: column.optional(),
    /** A column that identifies the row; by default the row's content is its key. */
    keyColumn: column.optional(),
    /** Columns copied into properties (track) or traits (identify); by default all others. */
    columns: z.array(column).min(1).optional(),
    source: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,40}$/, 'letters, digits, ".", "_" or "-", at most 40'),
  })
  .superRefine((spec, ctx) => {
    if (!spec.userIdColumn && !spec.anonymousIdColumn) {
      ctx.addIssue({ code: 'custom', message: 'name a user id or an anonymous id column' });
    }
    if (spec.type === 'track' && !spec.event === !spec.eventColumn) {
      ctx.addIssue({ code: 'custom', message: 'a track import needs an event or an event column' });
    }
  });
export type FieldsSpec = z.infer<typeof FieldsSpec>;

export function fieldsMapping(spec: FieldsSpec): Mapping {
  return {
    name: FIELDS,
    fingerprint: `${FIELDS}-${sha256Hex(JSON.stringify(spec)).slice(0, 12)}`,
    requiredColumns: requiredColumnsOf(spec),
    grouping: { kind: 'per-row' },
    toCalls: (group) => rowToCalls(spec, group),
  };
}

function requiredColumnsOf(spec: FieldsSpec): string[] {
  const named = [
    spec.eventColumn,
    spec.userIdColumn,
    spec.anonymousIdColumn,
    spec.timestampColumn,
    spec.keyColumn,
    ...(spec.columns ?? []),
  ];
  return [...new Set(named.filter((name) => name !== undefined))];
}

function rowToCalls(spec: FieldsSpec, group: RowGroup): GroupOutcome {
  const [row] = group.rows;
  if (!row) return invalid('INVALID_ROW', 'an empty group');
  const where = `row ${row.number}`;
  const userId = textOf(row, spec.userIdColumn);
  const anonymousId = textOf(row, spec.anonymousIdColumn);
  if (!userId && !anonymousId) return invalid('MISSING_IDENTITY', `${where}: no user id`);
  const timestamp = timestampOf(row, spec.timestampColumn);
  if (timestamp === null) {
    return invalid('INVALID_ROW', `${where}: ${spec.timestampColumn} is not a date`);
  }
  const key = textOf(row, spec.keyColumn) ?? rowHash(row);
  const common = {
    messageId: importMessageId(`${FIELDS}:${spec.source}`, key),
    ...(userId ? { userId } : {}),
    ...(anonymousId ? { anonymousId } : {}),
    ...(timestamp ? { timestamp } : {}),
  };
  const payload = payloadOf(spec, row);
  if (spec.type === 'identify') {
    return { kind: 'calls', calls: [{ type: 'identify', ...common, traits: payload }] };
  }
  const event = spec.event ?? textOf(row, spec.eventColumn);
  if (!event) return invalid('MISSING_EVENT', `${where}: no event name`);
  const call: ImportCall = { type: 'track', ...common, event, properties: payload };
  return { kind: 'calls', calls: [call] };
}

/** The named columns, or every column the identity/event/time/key do not already use. */
function payloadOf(spec: FieldsSpec, row: SourceRow): Record<string, unknown> {
  const used = new Set([
    spec.eventColumn,
    spec.userIdColumn,
    spec.anonymousIdColumn,
    spec.timestampColumn,
    spec.keyColumn,
  ]);
  const names = spec.columns ?? Object.keys(row.values).filter((name) => !used.has(name));
  const payload: Record<string, unknown> = {};
  for (const name of names) {
    const value = row.values[name];
    if (value !== undefined && value !== '') payload[name] = value;
  }
  return payload;
}

function textOf(row: SourceRow, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = row.values[name];
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** ISO-8601 UTC; undefined when there is no timestamp column or value, null when unreadable. */
function timestampOf(row: SourceRow, name: string | undefined): string | undefined | null {
  const text = textOf(row, name);
  if (text === undefined) return undefined;
  const date = new Date(/^\d+$/.test(text) ? Number(text) : text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A row without a key column is identified by its content (columns in a stable order). */
function rowHash(row: SourceRow): string {
  const entries = Object.entries(row.values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256Hex(JSON.stringify(entries)).slice(0, 32);
}

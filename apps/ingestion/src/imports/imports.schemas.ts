import { SOURCE_FORMATS } from '@meridian/bulk-import';
import { z } from 'zod';
import { ImportStatus, RefusedSample } from './import-job.collection';

/** Workspace and source ids, as the admin API spells them (lowercase slugs). */
const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a slug: a-z, 0-9, "-" and "_", at most 64 long');

export const ImportId = z
  .string()
  .regex(/^imp_[0-9a-f]{16}$/, 'expected an import id: "imp_" and 16 hex digits');

export const ImportsParams = z.object({ workspaceId: Slug, sourceId: Slug });
export type ImportsParams = z.infer<typeof ImportsParams>;

export const ImportParams = ImportsParams.extend({ importId: ImportId });
export type ImportParams = z.infer<typeof ImportParams>;

export const ImportQuery = z
  .object({
    /** A mapping of @meridian/bulk-import: online-retail, fields. */
    mapping: z.string().min(1).describe('The mapping: online-retail or fields'),
    format: z
      .enum(SOURCE_FORMATS)
      .optional()
      .describe("How to read the body; default: the mapping's format, else the Content-Type's"),
    resumeFrom: ImportId.optional().describe(
      'An earlier import of the same file, mapping and source: its durably done rows are skipped',
    ),
  })
  // The other parameters are the mapping's options (fields: event, user-id-column, ...).
  .catchall(z.string());
export type ImportQuery = z.infer<typeof ImportQuery>;

const Timestamp = z.iso.datetime();

export const ImportJobView = z.object({
  importId: ImportId,
  workspaceId: z.string(),
  sourceId: z.string(),
  mapping: z.string(),
  format: z.enum(SOURCE_FORMATS),
  status: ImportStatus,
  stalled: z
    .boolean()
    .describe(
      'Running but without progress for 30 s: the upload is idle or the instance handling it stopped; resume it with resumeFrom',
    ),
  resumedFrom: z.string().nullable(),
  startedAt: Timestamp,
  updatedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  /** Body bytes read so far, and the Content-Length when the client sent one (progress). */
  bytesReceived: z.number().int(),
  bytesExpected: z.number().int().nullable(),
  rowsRead: z.number().int(),
  rowsSkipped: z.number().int(),
  callsAccepted: z.number().int(),
  callsRefused: z.number().int(),
  refusedByCode: z.record(z.string(), z.number().int()),
  refusedSamples: z.array(RefusedSample),
  skipped: z.array(z.object({ reason: z.string(), groups: z.number().int() })),
  lastDurableRow: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ImportJobView = z.infer<typeof ImportJobView>;

export const ImportListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('At most this many, 1-100'),
});
export type ImportListQuery = z.infer<typeof ImportListQuery>;

export const ImportList = z.object({ imports: z.array(ImportJobView) });
export type ImportList = z.infer<typeof ImportList>;

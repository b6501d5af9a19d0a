import { defineCollection } from '@meridian/persistence';
import { z } from 'zod';

/**
 * `imports`: one document per upload to the bulk-import endpoint, written only by the
 * request that runs it (single writer): inserted when the upload starts, its progress set
 * after durable batches, its outcome set when it ends. Read by id or listed per source.
 */
export const importJobsCollection = defineCollection({
  name: 'imports',
  // A source's imports, newest first (the listing a client finds a running upload in).
  indexes: [
    { name: 'imports_source_started', key: { workspaceId: 1, sourceId: 1, startedAt: -1 } },
  ],
});

export const ImportStatus = z.enum(['running', 'completed', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** A row (or group of rows) that did not become an accepted call, and why. */
export const RefusedSample = z.object({
  /** CSV record number (the header is 1) or NDJSON line; a group's first row. */
  row: z.number().int(),
  code: z.string(),
  message: z.string(),
});
export type RefusedSample = z.infer<typeof RefusedSample>;

/** What the counters say at one moment; `$set` as a whole after each durable batch. */
export const ImportProgress = z.object({
  /** Request body bytes read so far (compressed, when the body is). */
  bytesReceived: z.number().int(),
  /** Rows (CSV records after the header, NDJSON lines) read, including skipped ones. */
  rowsRead: z.number().int(),
  /** Rows passed over because the job resumed from (`resumedFrom`) already had them. */
  rowsSkipped: z.number().int(),
  callsAccepted: z.number().int(),
  /** Calls refused by ingestion, and rows or groups that could not become a call. */
  callsRefused: z.number().int(),
  /** Refusals by code (codes are identifiers, so safe as document keys). */
  refusedByCode: z.record(z.string(), z.number().int()),
  /** The first refusals, with their row numbers (at most MAX_REFUSED_SAMPLES). */
  refusedSamples: z.array(RefusedSample),
  /** Groups the mapping leaves out by design (e.g. bad-debt adjustments), by reason. */
  skipped: z.array(z.object({ reason: z.string(), groups: z.number().int() })),
  /** Every row up to this one is durably done (accepted, refused or skipped): resume point. */
  lastDurableRow: z.number().int(),
  /** sha256 over the groups up to lastDurableRow: a resume checks it reads the same file. */
  durableDigest: z.string(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportJobDocument = ImportProgress.extend({
  _id: z.string().min(1),
  workspaceId: z.string().min(1),
  sourceId: z.string().min(1),
  mapping: z.string().min(1),
  /** Tells configurations of one mapping apart (the generic mapping's columns). */
  mappingFingerprint: z.string().min(1),
  format: z.enum(['csv', 'ndjson']),
  status: ImportStatus,
  /** The import whose durable rows this one skipped; absent for a fresh import. */
  resumedFrom: z.string().optional(),
  /** The request's Content-Length, when it gave one. */
  bytesExpected: z.number().int().optional(),
  startedAt: z.date(),
  updatedAt: z.date(),
  /** Absent while running. */
  finishedAt: z.date().optional(),
  /** Why a failed import stopped. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type ImportJobDocument = z.infer<typeof ImportJobDocument>;

import {
  JsonObject,
  QuarantinedCallType,
  QuarantineKind,
  QuarantineViolation,
} from '@meridian/contracts';
import { Timestamp, WorkspaceParams } from '@meridian/admin-api';
import { z } from 'zod';

/** Where an entry stands: open until it is replayed or discarded, which happens once. */
export const QuarantineStatus = z.enum(['open', 'replayed', 'discarded']);
export type QuarantineStatus = z.infer<typeof QuarantineStatus>;

/** An entry's id is its QUARANTINE stream sequence (kept below 2^53, so it is exact). */
export const EntryId = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, 'an entry id is a positive stream sequence number');
export type EntryId = z.infer<typeof EntryId>;

export const QuarantineListParams = WorkspaceParams;
export type QuarantineListParams = z.infer<typeof QuarantineListParams>;

export const QuarantineEntryParams = WorkspaceParams.extend({ entryId: EntryId });
export type QuarantineEntryParams = z.infer<typeof QuarantineEntryParams>;

/** Most entries one page holds. */
export const MAX_PAGE_SIZE = 100;

/** Filters of a listing; every one given must hold. Unknown parameters are refused. */
export const QuarantineListQuery = z.strictObject({
  sourceId: z.string().min(1).max(64).optional(),
  /** A track call's event name, else the call type (as in meridian_ingest_violations_total). */
  event: z.string().min(1).optional(),
  /** The reason code: TRACKING_PLAN_BLOCKED or a refusal code such as MISSING_EVENT. */
  code: z.string().min(1).optional(),
  status: QuarantineStatus.optional(),
  /** The previous page's nextCursor: entries older than that one. */
  cursor: EntryId.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});
export type QuarantineListQuery = z.infer<typeof QuarantineListQuery>;

/** How an entry was closed, by whom and when. */
export const QuarantineResolutionView = z.object({
  status: z.enum(['replayed', 'discarded']),
  at: Timestamp,
  actor: z.object({ keyId: z.string(), role: z.string() }),
  /** Replayed: the messageId the call was published with. */
  messageId: z.string().optional(),
  /** Replayed: whether a fixed call was sent instead of the original. */
  fixed: z.boolean().optional(),
  /** Discarded: why. */
  reason: z.string().optional(),
});
export type QuarantineResolutionView = z.infer<typeof QuarantineResolutionView>;

export const QuarantineEntryView = z.object({
  entryId: EntryId,
  /** The CallQuarantinedV1 envelope id: a client's retries of one call share it. */
  eventId: z.string(),
  receivedAt: z.iso.datetime({ offset: true }),
  sourceId: z.string(),
  kind: QuarantineKind,
  code: z.string(),
  violations: z.array(QuarantineViolation),
  /** The call as the client sent it. */
  call: JsonObject,
  callType: QuarantinedCallType.optional(),
  /** A track call's event name, else its type; what the `event` filter matches. */
  event: z.string(),
  status: QuarantineStatus,
  resolution: QuarantineResolutionView.nullable(),
});
export type QuarantineEntryView = z.infer<typeof QuarantineEntryView>;

export const QuarantinePage = z.object({
  /** Newest first. */
  entries: z.array(QuarantineEntryView),
  /**
   * Pass as `cursor` for the next, older page; null when nothing older is left. A page may
   * hold fewer entries than asked (even none) and still have a cursor when filters skipped
   * many entries: each request examines a bounded number of them.
   */
  nextCursor: EntryId.nullable(),
});
export type QuarantinePage = z.infer<typeof QuarantinePage>;

/** POST .../replay: optionally the fixed call, as a client would send it; the body may be left out. */
export const ReplayRequest = z.strictObject({
  /** Replaces the call as sent; its messageId is set to the entry's (see README). */
  call: JsonObject.optional(),
});
export type ReplayRequest = z.infer<typeof ReplayRequest>;

export const DiscardRequest = z.strictObject({ reason: z.string().trim().min(1).max(1_000) });
export type DiscardRequest = z.infer<typeof DiscardRequest>;

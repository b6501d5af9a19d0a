import { createHash } from 'node:crypto';
import type { Grouping, RowGroup } from '../group';
import type { SourceFormat } from '../read';

/** Fields every call the importer sends carries. */
interface CallIdentity {
  /** Derived from the mapping and the group, so a re-import sends the same ids. */
  readonly messageId: string;
  readonly userId?: string;
  readonly anonymousId?: string;
  /** When it happened, ISO-8601 UTC; ingestion uses its receive time when absent. */
  readonly timestamp?: string;
}

export interface TrackCall extends CallIdentity {
  readonly type: 'track';
  readonly event: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface IdentifyCall extends CallIdentity {
  readonly type: 'identify';
  readonly traits: Readonly<Record<string, unknown>>;
}

/** A Segment call as the importer puts it in a /v1/batch request. */
export type ImportCall = TrackCall | IdentifyCall;

/** What a mapping makes of one group of rows. */
export type GroupOutcome =
  | { readonly kind: 'calls'; readonly calls: readonly ImportCall[] }
  /** Rows that are valid but not something to send (e.g. accounting adjustments). */
  | { readonly kind: 'skipped'; readonly reason: string }
  /** Rows the mapping cannot read: recorded in the rejects file with the code. */
  | { readonly kind: 'invalid'; readonly code: string; readonly message: string };

/**
 * A declarative description of how one kind of file becomes Segment calls: which columns it
 * needs, how rows group, and the pure function from a group to its calls.
 */
export interface Mapping {
  /** Registry name; also the middle part of every messageId. */
  readonly name: string;
  /** Tells configurations of one mapping apart: part of the checkpoint's file name. */
  readonly fingerprint: string;
  /** The format when the file name does not tell (otherwise taken from the extension). */
  readonly format?: SourceFormat;
  /** CSV columns checked against the header before any row is read. */
  readonly requiredColumns: readonly string[];
  readonly grouping: Grouping;
  toCalls(group: RowGroup): GroupOutcome;
}

/** Segment's limit on messageId. */
export const MAX_MESSAGE_ID_LENGTH = 100;

/**
 * `import:<mapping>:<key>`: the same group always gets the same id, so ingestion's dedupe drops
 * what a resumed or repeated import sends again. A key too long for the limit is hashed.
 */
export function importMessageId(mappingName: string, key: string): string {
  const id = `import:${mappingName}:${key}`;
  if (id.length <= MAX_MESSAGE_ID_LENGTH) return id;
  return `import:${mappingName}:sha256:${sha256Hex(key).slice(0, 40)}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const invalid = (code: string, message: string): GroupOutcome => ({
  kind: 'invalid',
  code,
  message,
});

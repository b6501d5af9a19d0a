import type { CallQuarantinedV1 } from '@meridian/contracts';
import type { QuarantineResolution } from './quarantine-resolution.collection';
import type { QuarantineStatus } from './quarantine.schemas';
import type { QuarantineRecord, ScannedEntry } from './quarantine-stream';

export interface EntryFilters {
  readonly sourceId?: string | undefined;
  readonly event?: string | undefined;
  readonly code?: string | undefined;
  readonly status?: QuarantineStatus | undefined;
}

export interface PageRequest {
  readonly filters: EntryFilters;
  readonly limit: number;
  /** Most stream entries one page may look at; the page ends early when it is reached. */
  readonly maxExamined: number;
}

/** An entry with how it was resolved; null while it is open. */
export interface ResolvedRecord {
  readonly record: QuarantineRecord;
  readonly resolution: QuarantineResolution | null;
}

export interface EntryPage {
  readonly entries: readonly ResolvedRecord[];
  /** The sequence to continue below; null when the scan reached the stream's start. */
  readonly nextCursor: number | null;
}

/** Looks up the resolutions of some quarantine events, by event id. */
export type ResolutionLookup = (
  eventIds: readonly string[],
) => Promise<ReadonlyMap<string, QuarantineResolution>>;

/** What the `event` filter and the listing call a call: its track event name, else its type. */
export function eventNameOf(payload: CallQuarantinedV1['payload']): string {
  const { call } = payload;
  const type = payload.callType ?? call['type'];
  const event = call['event'];
  if (type === 'track' && typeof event === 'string' && event.length > 0) return event;
  return typeof type === 'string' && type.length > 0 ? type : 'unknown';
}

export function statusOf(resolution: QuarantineResolution | null): QuarantineStatus {
  return resolution === null ? 'open' : resolution.status;
}

/** Whether an entry passes the filters that its event alone decides (all but status). */
export function matchesEvent(record: QuarantineRecord, filters: EntryFilters): boolean {
  const { payload } = record.event;
  return (
    (filters.sourceId === undefined || payload.sourceId === filters.sourceId) &&
    (filters.code === undefined || payload.code === filters.code) &&
    (filters.event === undefined || eventNameOf(payload) === filters.event)
  );
}

/**
 * One page of entries, newest first, from a newest-first scan of the workspace's entries.
 * Reads one entry past the page to know whether another page follows, and stops after
 * `maxExamined` entries, so a filter matching little cannot make one request scan the
 * whole stream: the caller then gets a short page and a cursor to go on from.
 */
export async function pageOfEntries(
  scan: AsyncIterable<ScannedEntry>,
  request: PageRequest,
  lookUp: ResolutionLookup,
): Promise<EntryPage> {
  const page: ResolvedRecord[] = [];
  let candidates: QuarantineRecord[] = [];
  let examined = 0;
  let lowest: number | null = null;
  const settle = async () => {
    page.push(...(await withStatus(candidates, request.filters.status, lookUp)));
    candidates = [];
  };
  for await (const { sequence, record } of scan) {
    examined += 1;
    lowest = sequence;
    if (record !== null && matchesEvent(record, request.filters)) candidates.push(record);
    const budgetSpent = examined >= request.maxExamined;
    // Statuses are looked up a page's worth at a time: without a status filter, one query.
    if (candidates.length > request.limit || budgetSpent) await settle();
    if (page.length > request.limit) return fullPage(page, request.limit);
    if (budgetSpent) return { entries: page, nextCursor: lowest };
  }
  await settle();
  if (page.length > request.limit) return fullPage(page, request.limit);
  return { entries: page, nextCursor: null };
}

/** The first `limit` entries; the next page starts below the last of them. */
function fullPage(page: readonly ResolvedRecord[], limit: number): EntryPage {
  const entries = page.slice(0, limit);
  return { entries, nextCursor: entries.at(-1)?.record.sequence ?? null };
}

async function withStatus(
  records: readonly QuarantineRecord[],
  status: QuarantineStatus | undefined,
  lookUp: ResolutionLookup,
): Promise<ResolvedRecord[]> {
  if (records.length === 0) return [];
  const resolutions = await lookUp(records.map((record) => record.event.id));
  return records
    .map((record) => ({ record, resolution: resolutions.get(record.event.id) ?? null }))
    .filter(({ resolution }) => status === undefined || statusOf(resolution) === status);
}

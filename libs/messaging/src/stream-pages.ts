import type { JetStreamManager } from '@nats-io/jetstream';
import { toStoredMessage, type StoredMessage } from './stored-messages';

export interface NewestFirstQuery {
  /** Absolute subject filters, wildcards allowed; a message matching any one is read. */
  readonly filters: readonly string[];
  /** Only messages below this stream sequence (a page cursor); the whole stream without it. */
  readonly beforeSequence?: number;
}

/**
 * Matches one window should hold. Windows of sequences are sized from the density of the
 * last one, so each fetches about this many messages however sparse the filters are, and
 * a reader that stops early has fetched little it did not use.
 */
const WINDOW_MATCHES = 64;
const MIN_WINDOW = 16;
const MAX_WINDOW = 65_536;

/**
 * One stored message by sequence, or null when the stream has none there (never written,
 * deleted or expired). Read with the manager: no consumer is created.
 */
export async function readStreamMessage(
  jsm: JetStreamManager,
  stream: string,
  sequence: number,
): Promise<StoredMessage | null> {
  const message = await jsm.streams.getMessage(stream, { seq: sequence });
  return message === null ? null : toStoredMessage(message);
}

/**
 * The messages of a stream that match the filters, newest first, read lazily: stop iterating
 * and no further window is fetched. JetStream only reads forwards, so this walks back in
 * windows of sequences and reads each window forwards by subject (`next_by_subj`): one
 * request per matching message plus one per window and filter; the server skips what does
 * not match.
 * No consumer is created, so reading changes nothing a service could observe.
 */
export async function* readNewestFirst(
  jsm: JetStreamManager,
  stream: string,
  query: NewestFirstQuery,
): AsyncGenerator<StoredMessage> {
  const { state } = await jsm.streams.info(stream);
  const filters = await filtersWithMessages(jsm, stream, query.filters);
  let upper = Math.min(query.beforeSequence ?? state.last_seq + 1, newestOf(filters) + 1);
  let window = WINDOW_MATCHES;
  while (filters.length > 0 && upper > state.first_seq) {
    const lower = Math.max(state.first_seq, upper - window);
    // By sequence: a message matching two overlapping filters is read once.
    const found = new Map<number, StoredMessage>();
    for (const { filter, newest } of filters) {
      if (newest < lower) continue;
      for (const message of await readForwards(jsm, stream, filter, lower, upper)) {
        found.set(message.sequence, message);
      }
    }
    yield* [...found.values()].sort((a, b) => b.sequence - a.sequence);
    upper = lower;
    window = nextWindow(window, found.size);
  }
}

function nextWindow(window: number, found: number): number {
  const wanted = found === 0 ? window * 4 : Math.round((window * WINDOW_MATCHES) / found);
  return Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, wanted));
}

interface LiveFilter {
  readonly filter: string;
  readonly newest: number;
}

/** The filters that match anything at all, with their newest sequence; the others cost nothing. */
async function filtersWithMessages(
  jsm: JetStreamManager,
  stream: string,
  filters: readonly string[],
): Promise<LiveFilter[]> {
  const live: LiveFilter[] = [];
  for (const filter of new Set(filters)) {
    const newest = await jsm.streams.getMessage(stream, { last_by_subj: filter });
    if (newest !== null) live.push({ filter, newest: newest.seq });
  }
  return live;
}

function newestOf(filters: readonly LiveFilter[]): number {
  return filters.reduce((newest, { newest: seq }) => Math.max(newest, seq), 0);
}

/** The messages matching `filter` with lower <= sequence < upper, oldest first. */
async function readForwards(
  jsm: JetStreamManager,
  stream: string,
  filter: string,
  lower: number,
  upper: number,
): Promise<StoredMessage[]> {
  const found: StoredMessage[] = [];
  let from = lower;
  while (from < upper) {
    // The manager's type names only `seq` and `last_by_subj`, but the server's message-get
    // request also takes `next_by_subj` (the first match at or after `seq`, wildcards
    // allowed) and the client sends the query as given.
    const next: { seq: number; next_by_subj: string } = { seq: from, next_by_subj: filter };
    const message = await jsm.streams.getMessage(stream, next);
    if (message === null || message.seq >= upper) break;
    found.push(toStoredMessage(message));
    from = message.seq + 1;
  }
  return found;
}

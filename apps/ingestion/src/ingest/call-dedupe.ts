/**
 * Which calls were already accepted, across every ingestion instance and for longer than the
 * stream's duplicate window: keyed by envelope id, itself a hash of (workspace, messageId).
 * `seen` failing means ingestion cannot tell, so the request is refused with 503.
 */
export abstract class CallDedupe {
  /** The ids among `eventIds` accepted within the dedupe window. */
  abstract seen(eventIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** Remembers ids the stream has acknowledged. */
  abstract record(eventIds: readonly string[]): Promise<void>;
}

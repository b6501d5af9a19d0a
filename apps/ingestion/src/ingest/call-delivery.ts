import { Injectable, Logger } from '@nestjs/common';
import type { CallAcceptedV1 } from '@meridian/contracts';
import { CallDedupe } from './call-dedupe';
import { CallPublisher } from './call-publisher';
import { IngestRejection } from './ingest-rejection';
import { IngestMetrics } from './ingest.metrics';

/**
 * Puts admitted calls on the stream exactly once: look up → publish → record. Recording
 * first would lose a call whose publish then fails. A resent request is dropped whole by the
 * stream (its batches' Nats-Msg-Ids are derived from the calls); a call racing in another
 * request between look-up and record is stored twice and applied once, as identity applies a
 * call id once. Resolves once JetStream has acknowledged every new call of the request; the
 * markers are queued on the connection by then, and their flush is not waited for.
 */
@Injectable()
export class CallDelivery {
  private readonly logger = new Logger(CallDelivery.name);

  constructor(
    private readonly publisher: CallPublisher,
    private readonly dedupe: CallDedupe,
    private readonly metrics: IngestMetrics,
  ) {}

  async deliver(events: readonly CallAcceptedV1[]): Promise<void> {
    if (events.length === 0) return;
    const distinct = distinctById(events);
    const seen = await this.unavailableOnFailure('looking up duplicates', () =>
      this.dedupe.seen(distinct.map((event) => event.id)),
    );
    const fresh = distinct.filter((event) => !seen.has(event.id));
    const droppedByStream = await this.unavailableOnFailure(
      `publishing ${fresh.length} calls`,
      () => this.publisher.publishAll(fresh),
    );
    const streamDuplicates = droppedByStream.filter(Boolean).length;
    this.metrics.countDuplicates(events.length - distinct.length + seen.size + streamDuplicates);
    void this.record(fresh.map((event) => event.id));
  }

  /**
   * A failed record leaves the calls stored but forgettable after the stream's duplicate
   * window: worth a log line and a metric, not a 503 (the calls ARE durable, and answering
   * 503 would only make the SDK resend them). Never rejects, so it may run unawaited; the
   * markers are handed to the connection before its first await.
   */
  private async record(eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    try {
      await this.dedupe.record(eventIds);
    } catch (error) {
      this.metrics.countDedupeRecordFailure();
      this.logger.warn(
        `recording ${eventIds.length} accepted calls for dedupe failed: ${describe(error)}`,
      );
    }
  }

  private async unavailableOnFailure<T>(step: string, attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (error) {
      this.logger.error(`${step} failed`, error instanceof Error ? error.stack : String(error));
      throw new IngestRejection(
        'STREAM_UNAVAILABLE',
        'the event stream is unavailable; retry later',
        [],
        { cause: error },
      );
    }
  }
}

/** The first event of each id: a batch may carry one messageId twice. */
function distinctById(events: readonly CallAcceptedV1[]): CallAcceptedV1[] {
  const byId = new Map<string, CallAcceptedV1>();
  for (const event of events) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

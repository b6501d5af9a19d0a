import { Injectable } from '@nestjs/common';
import { subjects } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import type { WriteKeyOwner } from '@meridian/workspaces';
import { IngestMetrics } from './ingest.metrics';
import { callQuarantinedEvent, eventLabelOf, type QuarantineEntry } from './quarantine-entry';

/**
 * Where calls kept off the INGEST stream go: blocked by the tracking plan, or refused as
 * invalid. Resolves once every entry is durably held; rejects otherwise (the service then
 * answers 503, so the client retries instead of the call being lost).
 */
export abstract class CallQuarantine {
  abstract hold(
    owner: WriteKeyOwner,
    entries: readonly QuarantineEntry[],
    receivedAt: Date,
  ): Promise<void>;
}

/**
 * Publishes each entry as CallQuarantinedV1 on `quarantine.<kind>.<workspace>` (the
 * QUARANTINE stream; the workspace in the subject lets the admin API read one workspace's
 * entries with a subject filter) and waits for every ack, then counts its violations per (source, event, rule). A retried
 * call has the same event id, so the stream drops it and it is not counted twice.
 */
@Injectable()
export class JetStreamCallQuarantine extends CallQuarantine {
  constructor(
    private readonly jetStream: JetStreamPublisher,
    private readonly metrics: IngestMetrics,
  ) {
    super();
  }

  async hold(
    owner: WriteKeyOwner,
    entries: readonly QuarantineEntry[],
    receivedAt: Date,
  ): Promise<void> {
    if (entries.length === 0) return;
    const receipts = await this.jetStream.publishMany(
      entries.map((entry) => ({
        subject: subjects.quarantine(entry.kind, owner.workspaceId),
        event: callQuarantinedEvent(owner, entry, receivedAt),
      })),
    );
    entries.forEach((entry, position) => {
      if (receipts[position]?.duplicate === true) return;
      if (entry.kind === 'blocked') this.metrics.countQuarantined(1);
      const event = eventLabelOf(entry.call);
      for (const { rule } of entry.violations) {
        this.metrics.countViolation(owner.sourceId, event, rule);
      }
    });
  }
}

import { Injectable } from '@nestjs/common';
import { subjects, type CallAcceptedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { callBatchesOf } from './call-batches';
import { CallPublisher } from './call-publisher';

/**
 * Publishes accepted calls as one CallAcceptedV2 message per partition (and source) of the
 * request, and waits for every acknowledgement, collected on one inbox (publishBatch).
 */
@Injectable()
export class JetStreamCallPublisher extends CallPublisher {
  constructor(private readonly jetStream: JetStreamPublisher) {
    super();
  }

  async publishAll(events: readonly CallAcceptedV1[]): Promise<readonly boolean[]> {
    if (events.length === 0) return [];
    const batches = callBatchesOf(events, this.jetStream.maxBodyBytes());
    const receipts = await this.jetStream.publishBatch(
      batches.map(({ event, serialised }) => ({
        subject: subjects.ingest(event.payload.partition),
        event,
        serialised,
      })),
    );
    // A batch the stream already had (the same request resent) drops every call in it.
    const duplicates = events.map(() => false);
    batches.forEach((batch, index) => {
      const duplicate = receipts[index]?.duplicate ?? false;
      for (const member of batch.members) duplicates[member] = duplicate;
    });
    return duplicates;
  }
}

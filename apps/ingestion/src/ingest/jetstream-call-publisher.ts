import { Injectable } from '@nestjs/common';
import { subjects, type CallAcceptedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { CallPublisher } from './call-publisher';

/**
 * Publishes accepted calls on their partitions' ingest subjects and waits for every
 * acknowledgement, collected on one inbox for the whole request (publishBatch).
 */
@Injectable()
export class JetStreamCallPublisher extends CallPublisher {
  constructor(private readonly jetStream: JetStreamPublisher) {
    super();
  }

  async publishAll(events: readonly CallAcceptedV1[]): Promise<readonly boolean[]> {
    if (events.length === 0) return [];
    const receipts = await this.jetStream.publishBatch(
      events.map((event) => ({ subject: subjects.ingest(event.payload.partition), event })),
    );
    return receipts.map((receipt) => receipt.duplicate);
  }
}

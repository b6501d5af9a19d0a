import { Injectable } from '@nestjs/common';
import { subjects, type CallAcceptedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { CallPublisher } from './call-publisher';

/** Publishes an accepted call on its partition's ingest subject and waits for the ack. */
@Injectable()
export class JetStreamCallPublisher extends CallPublisher {
  constructor(private readonly jetStream: JetStreamPublisher) {
    super();
  }

  async publish(event: CallAcceptedV1): Promise<void> {
    await this.jetStream.publish(subjects.ingest(event.payload.partition), event);
  }
}

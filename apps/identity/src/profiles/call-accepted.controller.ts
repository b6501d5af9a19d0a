import { Controller } from '@nestjs/common';
import {
  acceptedCallsOf,
  CallAcceptedV1,
  CallAcceptedV2,
  CallRoutedV1,
  consumers,
} from '@meridian/contracts';
import { JetStreamHandler, type JetStreamContext } from '@meridian/messaging';
import { CallResolutionService } from './call-resolution.service';
import { UnprocessableEventError } from './errors';
import { failPermanentlyWhenUnprocessable } from './permanent-errors';

/** Accepted calls from ingestion, one partition consumer each (single writer per profile). */
@Controller()
export class CallAcceptedController {
  constructor(private readonly resolution: CallResolutionService) {}

  @JetStreamHandler(consumers.identityIngest, CallAcceptedV1)
  async onCallAccepted(event: CallAcceptedV1): Promise<void> {
    await failPermanentlyWhenUnprocessable(() => this.resolution.resolve(event));
  }

  /**
   * A request's calls for this partition, in order. A call no retry can fix is dead-lettered
   * on its own (as the v1 event it stands for) and the others go on; any other failure fails
   * the message, and its redelivery skips the calls already applied (resolve is idempotent).
   */
  @JetStreamHandler(consumers.identityIngest, CallAcceptedV2)
  async onCallsAccepted(batch: CallAcceptedV2, context: JetStreamContext): Promise<void> {
    for (const [index, event] of acceptedCallsOf(batch).entries()) {
      try {
        await this.resolution.resolve(event);
      } catch (error) {
        if (!(error instanceof UnprocessableEventError)) throw error;
        await context.deadLetterPart({ index, body: event, detail: error.message });
      }
    }
  }

  /** A call another partition passed on, because its profile lives on this one. */
  @JetStreamHandler(consumers.identityIngest, CallRoutedV1)
  async onCallRouted(routed: CallRoutedV1): Promise<void> {
    const { call, hops } = routed.payload;
    await failPermanentlyWhenUnprocessable(() => this.resolution.resolve(call, hops));
  }
}

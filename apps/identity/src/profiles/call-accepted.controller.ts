import { Controller } from '@nestjs/common';
import { CallAcceptedV1, consumers } from '@meridian/contracts';
import { JetStreamHandler } from '@meridian/messaging';
import { CallResolutionService } from './call-resolution.service';
import { failPermanentlyWhenUnprocessable } from './permanent-errors';

/** Accepted calls from ingestion, one partition consumer each (single writer per profile). */
@Controller()
export class CallAcceptedController {
  constructor(private readonly resolution: CallResolutionService) {}

  @JetStreamHandler(consumers.identityIngest, CallAcceptedV1)
  async onCallAccepted(event: CallAcceptedV1): Promise<void> {
    await failPermanentlyWhenUnprocessable(() => this.resolution.resolve(event));
  }
}

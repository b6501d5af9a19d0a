import { Controller } from '@nestjs/common';
import { consumers, DataSubjectDeletionRequestedV1 } from '@meridian/contracts';
import { JetStreamHandler } from '@meridian/messaging';
import { DeletionRequestService } from './deletion-request.service';

/** Data-subject deletion requests from ingestion (the identity-deletions consumer). */
@Controller()
export class DeletionRequestsController {
  constructor(private readonly deletions: DeletionRequestService) {}

  @JetStreamHandler(consumers.identityDeletions, DataSubjectDeletionRequestedV1)
  async onDeletionRequested(request: DataSubjectDeletionRequestedV1): Promise<void> {
    await this.deletions.carryOut(request);
  }
}

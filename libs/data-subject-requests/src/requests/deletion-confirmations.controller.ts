import { Controller } from '@nestjs/common';
import { consumers, DataSubjectDeletionConfirmedV1 } from '@meridian/contracts';
import { JetStreamHandler } from '@meridian/messaging';
import { DeletionConfirmationService } from './deletion-confirmation.service';

/** Services' deletion confirmations, from `privacy.deletion.confirmed.<service>`. */
@Controller()
export class DeletionConfirmationsController {
  constructor(private readonly confirmations: DeletionConfirmationService) {}

  @JetStreamHandler(consumers.ingestionDeletionConfirmations, DataSubjectDeletionConfirmedV1)
  async onDeletionConfirmed(event: DataSubjectDeletionConfirmedV1): Promise<void> {
    await this.confirmations.record(event);
  }
}

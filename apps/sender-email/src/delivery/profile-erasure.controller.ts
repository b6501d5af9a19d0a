import { Controller } from '@nestjs/common';
import { consumers, ProfileErasedV1 } from '@meridian/contracts';
import { JetStreamHandler } from '@meridian/messaging';
import { ProfileErasureLedger } from '@meridian/profile-erasure';
import { EmailDeliveryRepository } from './email-delivery.repository';

/**
 * Profiles identity erased, from every partition (sender-email-erasures): their deliveries
 * (recipient address, template, provider id) are deleted. A request being sent at that moment
 * checks the ledger after recording itself, and deletes itself (EmailSender).
 */
@Controller()
export class ProfileErasureController {
  constructor(
    private readonly deliveries: EmailDeliveryRepository,
    private readonly ledger: ProfileErasureLedger,
  ) {}

  @JetStreamHandler(consumers.senderEmailErasures, ProfileErasedV1)
  async onProfileErased(event: ProfileErasedV1): Promise<void> {
    await this.ledger.carryOut(event, (workspaceId, profileId) =>
      this.deliveries.deleteAllOf(workspaceId, profileId),
    );
  }
}

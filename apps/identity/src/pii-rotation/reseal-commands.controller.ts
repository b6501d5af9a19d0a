import { Controller } from '@nestjs/common';
import { consumers, ProfileResealRequestedV1 } from '@meridian/contracts';
import { JetStreamHandler } from '@meridian/messaging';
import { ResealService } from './reseal.service';

/** Re-encryption of one profile during a key rotation, on its partition (identity-ingest). */
@Controller()
export class ResealCommandsController {
  constructor(private readonly reseal: ResealService) {}

  @JetStreamHandler(consumers.identityIngest, ProfileResealRequestedV1)
  async onResealRequested(command: ProfileResealRequestedV1): Promise<void> {
    await this.reseal.reseal(command);
  }
}

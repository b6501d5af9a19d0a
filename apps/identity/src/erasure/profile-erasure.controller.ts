import { Controller } from '@nestjs/common';
import { consumers, ProfileErasureRequestedV1 } from '@meridian/contracts';
import { JetStreamHandler, type JetStreamContext } from '@meridian/messaging';
import { failPermanentlyWhenUnprocessable } from '../profiles';
import { ProfileErasureService } from './profile-erasure.service';

/**
 * Erasure commands on the partition consumers that resolve calls (identity-ingest), so a
 * profile is erased by its only writer, in order with the partition's calls.
 */
@Controller()
export class ProfileErasureController {
  constructor(private readonly erasure: ProfileErasureService) {}

  @JetStreamHandler(consumers.identityIngest, ProfileErasureRequestedV1)
  async onErasureRequested(
    command: ProfileErasureRequestedV1,
    context: JetStreamContext,
  ): Promise<void> {
    await failPermanentlyWhenUnprocessable(() =>
      this.erasure.erase(command, context.info.partition),
    );
  }
}

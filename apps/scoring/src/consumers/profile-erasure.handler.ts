import { Controller } from '@nestjs/common';
import { consumers, ProfileErasedV1 } from '@meridian/contracts';
import { JetStreamHandler, type JetStreamContext } from '@meridian/messaging';
import { ProfileErasure } from '../erasure';

/**
 * Profiles identity erased, on the consumer of resolved events (scoring-events reads
 * `events.*.<p>`): each comes after every resolved event of its profile, in order, on the
 * owner of its partition. Acknowledged once scoring's data of the profile is deleted and the
 * erasure recorded; a failure naks it, and the retry deletes nothing twice.
 */
@Controller()
export class ProfileErasureHandler {
  constructor(private readonly erasure: ProfileErasure) {}

  @JetStreamHandler(consumers.scoringEvents, ProfileErasedV1)
  async onProfileErased(event: ProfileErasedV1, context: JetStreamContext): Promise<void> {
    await this.erasure.carryOut(event, context.partition);
  }
}

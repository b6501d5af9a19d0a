import { Injectable, Logger } from '@nestjs/common';
import { ProfileErasureLedger } from '@meridian/profile-erasure';
import { ProfileNotFoundError } from '../profiles';

/**
 * Events about a profile can still be on their way when the person is erased: an email opened
 * days later, scores scoring computed just before. Their profile is gone, and such an event is
 * dropped (acknowledged, logged) instead of being dead-lettered as a missing profile would be.
 */
@Injectable()
export class ErasedProfileEvents {
  private readonly logger = new Logger(ErasedProfileEvents.name);

  constructor(private readonly ledger: ProfileErasureLedger) {}

  /** Runs `work`; a ProfileNotFoundError for a profile identity erased ends it quietly. */
  async dropIfErased(workspaceId: string, eventId: string, work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof ProfileNotFoundError)) throw error;
      if (!(await this.ledger.isErased(workspaceId, error.profileId))) throw error;
      this.logger.log(`${eventId} is about a profile erased for a data-subject request; dropped`);
    }
  }
}

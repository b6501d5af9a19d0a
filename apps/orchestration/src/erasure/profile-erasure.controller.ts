import { Controller } from '@nestjs/common';
import { consumers, ProfileErasedV1 } from '@meridian/contracts';
import { JetStreamHandler, type JetStreamContext } from '@meridian/messaging';
import { ProfileErasureLedger } from '@meridian/profile-erasure';
import { JourneyStateRepository } from '../journey-state';

/**
 * Profiles identity erased, on the partition consumers that run the journeys: each comes after
 * every resolved event of its profile, so no journey enters the profile again once its states
 * are deleted. Orchestration keeps nothing else about a person.
 */
@Controller()
export class ProfileErasureController {
  constructor(
    private readonly states: JourneyStateRepository,
    private readonly ledger: ProfileErasureLedger,
  ) {}

  @JetStreamHandler(consumers.orchestrationEvents, ProfileErasedV1)
  async onProfileErased(event: ProfileErasedV1, context: JetStreamContext): Promise<void> {
    await this.ledger.carryOut(
      event,
      (workspaceId, profileId) => this.states.deleteAllOf(workspaceId, profileId),
      context.partition,
    );
  }
}

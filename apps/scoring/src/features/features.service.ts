import { Injectable } from '@nestjs/common';
import type { EventsResolvedV1 } from '@meridian/contracts';
import { applyEvent, type ProfileFeatures } from './profile-features';
import { ProfileFeaturesRepository } from './profile-features.repository';

export type RecordOutcome = 'applied' | 'duplicate';

/** The features as the HTTP API shows them. */
export interface ProfileFeaturesView {
  readonly workspaceId: string;
  readonly profileId: string;
  readonly eventCount: number;
  readonly lastEventAt: string;
  readonly revision: number;
}

@Injectable()
export class FeaturesService {
  constructor(private readonly repository: ProfileFeaturesRepository) {}

  /**
   * Applies one resolved event to its profile's features. Safe to call again with the same
   * event (a redelivery): it is recognised by id and changes nothing.
   */
  async record(event: EventsResolvedV1): Promise<RecordOutcome> {
    const { workspaceId } = event;
    const { profileId } = event.payload;
    const current = await this.repository.findProfile(workspaceId, profileId);
    const next = applyEvent(current, {
      id: event.id,
      workspaceId,
      profileId,
      occurredAt: new Date(event.occurredAt),
    });
    if (next === null) return 'duplicate';
    await this.repository.saveIfUnchanged(next);
    return 'applied';
  }

  async features(workspaceId: string, profileId: string): Promise<ProfileFeaturesView | null> {
    const features = await this.repository.findProfile(workspaceId, profileId);
    return features === null ? null : toView(features);
  }
}

function toView(features: ProfileFeatures): ProfileFeaturesView {
  return {
    workspaceId: features.workspaceId,
    profileId: features.profileId,
    eventCount: features.eventCount,
    lastEventAt: features.lastEventAt.toISOString(),
    revision: features.revision,
  };
}

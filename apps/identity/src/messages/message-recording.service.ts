import { Injectable, Logger } from '@nestjs/common';
import { subjects } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import {
  changeToRepublish,
  ProfileNotFoundError,
  profileUpdatedEvent,
  ProfileRepository,
} from '../profiles';
import { applyMessageEvent } from './apply-message';
import type { MessageLifecycleEvent } from './message-lifecycle';

/**
 * Records message lifecycle events on the recipient's profile (history and engagement
 * counters) and announces the change with ProfileUpdatedV1. Idempotent per event id and per
 * (messageId, status).
 */
@Injectable()
export class MessageRecordingService {
  private readonly logger = new Logger(MessageRecordingService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly publisher: JetStreamPublisher,
  ) {}

  async record(event: MessageLifecycleEvent): Promise<void> {
    const { profileId } = event.payload;
    const profile = await this.profiles.findById(event.workspaceId, profileId);
    if (profile === null) throw new ProfileNotFoundError(event.workspaceId, profileId);

    const outcome = applyMessageEvent(profile, event, new Date().toISOString());
    switch (outcome.kind) {
      case 'duplicate':
        this.logger.debug(
          `${event.type} of message ${event.payload.messageId} is already recorded; ignoring ${event.id}`,
        );
        return;
      case 'redelivered': {
        const updated = profileUpdatedEvent(profile, event, changeToRepublish(profile, event.id));
        await this.publisher.publish(subjects.profileUpdated(profile.partition), updated);
        return;
      }
      case 'applied': {
        await this.profiles.save(outcome.profile);
        const updated = profileUpdatedEvent(outcome.profile, event, {
          created: false,
          changes: outcome.changes,
        });
        await this.publisher.publish(subjects.profileUpdated(outcome.profile.partition), updated);
        return;
      }
    }
  }
}

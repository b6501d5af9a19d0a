import { Injectable, Logger } from '@nestjs/common';
import { subjects, type MessageRoutedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import {
  changeToRepublish,
  LiveProfiles,
  passedOnEnvelope,
  profileUpdatedEvent,
  ProfileRepository,
  writerPartition,
  type Profile,
} from '../profiles';
import { applyMessageEvent } from './apply-message';
import type { MessageLifecycleEvent } from './message-lifecycle';

/** Whose profile an event goes on, and how often it was passed between partitions already. */
export interface MessageRecipient {
  readonly profileId: string;
  readonly hops: number;
}

/**
 * Records message lifecycle events on the recipient's profile (history and engagement
 * counters) and announces the change with ProfileUpdatedV1. Idempotent per event id and per
 * (messageId, status). A profile merged away is followed to its survivor; when that lives on
 * another partition the event is passed to that partition's writer (MessageRoutedV1), so the
 * golden record keeps what happens after a merge.
 */
@Injectable()
export class MessageRecordingService {
  private readonly logger = new Logger(MessageRecordingService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly live: LiveProfiles,
    private readonly publisher: JetStreamPublisher,
  ) {}

  /** `ownedPartition`: the partition of the consumer the event came from. */
  async record(
    event: MessageLifecycleEvent,
    ownedPartition: number | undefined,
    recipient: MessageRecipient = { profileId: event.payload.profileId, hops: 0 },
  ): Promise<void> {
    const writer = writerPartition(event, ownedPartition);
    const profile = await this.live.follow(event.workspaceId, recipient.profileId);
    if (profile.partition === writer) await this.apply(profile, event);
    else await this.passOn(event, profile, recipient.hops);
  }

  private async apply(profile: Profile, event: MessageLifecycleEvent): Promise<void> {
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

  /** Passes the event, unchanged, to the writer of the partition the survivor lives on. */
  private async passOn(event: MessageLifecycleEvent, target: Profile, hops: number) {
    const routed: MessageRoutedV1 = {
      ...passedOnEnvelope(event, hops, target),
      type: 'message.routed',
      payload: { partition: target.partition, survivorId: target.profileId, hops: hops + 1, event },
    };
    await this.publisher.publish(subjects.ingest(target.partition), routed);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { derivedEventId, subjects, type MessageRoutedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import {
  changeToRepublish,
  MAX_ROUTING_HOPS,
  ProfileNotFoundError,
  profileUpdatedEvent,
  ProfileRepository,
  UnprocessableEventError,
  type Profile,
} from '../profiles';
import { applyMessageEvent } from './apply-message';
import type { MessageLifecycleEvent } from './message-lifecycle';

/** Where an event goes: the profile it names, or the survivor that profile was merged into. */
export interface MessageRecipient {
  readonly profileId: string;
  /** How often the event was passed between partitions already (0 from the senders). */
  readonly hops: number;
}

/**
 * Records message lifecycle events on the recipient's profile (history and engagement
 * counters) and announces the change with ProfileUpdatedV1. Idempotent per event id and per
 * (messageId, status). An event for a merged profile is recorded on its survivor: here when
 * the survivor lives on this partition, else passed to that partition's writer
 * (MessageRoutedV1), so the golden record's history keeps what happens after a merge.
 */
@Injectable()
export class MessageRecordingService {
  private readonly logger = new Logger(MessageRecordingService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly publisher: JetStreamPublisher,
  ) {}

  async record(
    event: MessageLifecycleEvent,
    recipient: MessageRecipient = { profileId: event.payload.profileId, hops: 0 },
  ): Promise<void> {
    const profile = await this.found(event.workspaceId, recipient.profileId);
    if (profile.mergedInto === null) {
      await this.apply(profile, event);
      return;
    }
    const survivor = await this.survivorOf(profile);
    if (survivor.partition === profile.partition) await this.apply(survivor, event);
    else await this.route(event, survivor, recipient.hops);
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

  /** The live profile a merged one ends in, through at most MAX_ROUTING_HOPS merges. */
  private async survivorOf(merged: Profile): Promise<Profile> {
    let profile = merged;
    for (let hop = 0; hop < MAX_ROUTING_HOPS; hop += 1) {
      if (profile.mergedInto === null) return profile;
      profile = await this.found(profile.workspaceId, profile.mergedInto);
    }
    if (profile.mergedInto === null) return profile;
    throw new UnprocessableEventError(
      `profile "${merged.profileId}" was merged more than ${MAX_ROUTING_HOPS} times over`,
    );
  }

  /** Passes the event to the writer of the partition the survivor lives on. */
  private async route(event: MessageLifecycleEvent, survivor: Profile, hops: number) {
    if (hops >= MAX_ROUTING_HOPS) {
      throw new UnprocessableEventError(
        `message event ${event.id} was passed between partitions ${hops} times and still belongs elsewhere (profile ${survivor.profileId} on partition ${survivor.partition})`,
      );
    }
    const routed: MessageRoutedV1 = {
      id: derivedEventId(event.id, `routed-${hops + 1}`),
      type: 'message.routed',
      version: 1,
      workspaceId: event.workspaceId,
      occurredAt: event.occurredAt,
      receivedAt: event.receivedAt,
      correlationId: event.correlationId,
      causationId: event.id,
      payload: {
        partition: survivor.partition,
        survivorId: survivor.profileId,
        hops: hops + 1,
        event,
      },
    };
    await this.publisher.publish(subjects.ingest(survivor.partition), routed);
  }

  private async found(workspaceId: string, profileId: string): Promise<Profile> {
    const profile = await this.profiles.findById(workspaceId, profileId);
    if (profile === null) throw new ProfileNotFoundError(workspaceId, profileId);
    return profile;
  }
}

import {
  BestChannelOptions,
  createModelVersion,
  HOURS_PER_WEEK,
  type ModelKind,
  SendTimeOptions,
  type VersionContent,
} from '@meridian/learning';
import { z } from 'zod';
import {
  emptyPopulation,
  EngagementPopulationState,
  withIncrement,
  withoutProfile,
} from './engagement-answers';
import type { ModelProfileDocument } from './model-profile';
import type { ModelVersionDocument } from './model-version-document';
import type { EngagementIncrement } from './profile-engagement';
import { TrackedVersions } from './tracked-versions';

export const SEND_TIME_MODEL_ID = 'send-time';
export const BEST_CHANNEL_MODEL_ID = 'best-channel';

const SendTimeState = z.object({
  format: z.literal('meridian/send-time-population-v1'),
  engagements: z.array(z.number().nonnegative()).length(HOURS_PER_WEEK),
});
const BestChannelState = z.object({
  format: z.literal('meridian/best-channel-population-v1'),
  channels: EngagementPopulationState.shape.channels,
});

export interface EngagementRef {
  readonly workspaceId: string;
  readonly partition: number;
}

/**
 * One partition's engagement population, the prior of every profile's send time and best
 * channel: stored as two registry models of the partition, `send-time` (engagements by local
 * hour of the week) and `best-channel` (received and engaged per channel), each one champion
 * version that checkpoints update. The library's default priors are its hyperparameters.
 */
export class EngagementModel {
  private unsavedEvents = 0;

  private constructor(
    readonly ref: EngagementRef,
    private state: EngagementPopulationState,
    readonly sendTimeVersions: TrackedVersions,
    readonly channelVersions: TrackedVersions,
  ) {}

  static create(ref: EngagementRef, at: string): EngagementModel {
    const model = new EngagementModel(
      ref,
      emptyPopulation(),
      new TrackedVersions(),
      new TrackedVersions(),
    );
    const first = (modelId: string, kind: ModelKind, content: VersionContent) =>
      createModelVersion(
        {
          workspaceId: ref.workspaceId,
          modelId,
          kind,
          status: 'champion',
          createdAt: at,
          ...content,
        },
        [],
      );
    model.sendTimeVersions.set(
      first(SEND_TIME_MODEL_ID, 'send-time', model.sendTimeContent()),
      ref.partition,
      at,
    );
    model.channelVersions.set(
      first(BEST_CHANNEL_MODEL_ID, 'best-channel', model.channelContent()),
      ref.partition,
      at,
    );
    return model;
  }

  /** The population as its two champion versions stored it; a missing one starts empty. */
  static fromDocuments(
    ref: EngagementRef,
    sendTime: ModelVersionDocument,
    bestChannel: ModelVersionDocument,
  ): EngagementModel {
    const slots = SendTimeState.parse(sendTime.state);
    const channels = BestChannelState.parse(bestChannel.state);
    return new EngagementModel(
      ref,
      { engagements: slots.engagements, channels: channels.channels },
      new TrackedVersions([sendTime]),
      new TrackedVersions([bestChannel]),
    );
  }

  get population(): EngagementPopulationState {
    return this.state;
  }

  get unsaved(): number {
    return this.unsavedEvents;
  }

  get trackers(): readonly TrackedVersions[] {
    return [this.sendTimeVersions, this.channelVersions];
  }

  add(increment: EngagementIncrement): void {
    this.state = withIncrement(this.state, increment);
    this.unsavedEvents++;
  }

  /** Takes an erased profile's engagements out (see withoutProfile); a checkpoint writes it. */
  removeProfile(profile: Pick<ModelProfileDocument, 'slots' | 'channels'>): void {
    this.state = withoutProfile(this.state, profile);
    this.unsavedEvents++;
  }

  checkpoint(at: string): void {
    const sendTime = this.sendTimeVersions.withStatus('champion');
    if (sendTime !== undefined)
      this.sendTimeVersions.set({ ...sendTime, ...this.sendTimeContent() }, this.ref.partition, at);
    const channels = this.channelVersions.withStatus('champion');
    if (channels !== undefined)
      this.channelVersions.set({ ...channels, ...this.channelContent() }, this.ref.partition, at);
    this.unsavedEvents = 0;
  }

  private sendTimeContent(): VersionContent {
    const engagements = this.state.engagements.reduce((sum, count) => sum + count, 0);
    return {
      metrics: { engagements },
      hyperparameters: { ...SendTimeOptions.parse({}) },
      state: {
        format: 'meridian/send-time-population-v1',
        engagements: [...this.state.engagements],
      },
    };
  }

  private channelContent(): VersionContent {
    const metrics: Record<string, number> = {};
    for (const { channel, received, engaged } of this.state.channels) {
      metrics[`received_${channel}`] = received;
      metrics[`engaged_${channel}`] = engaged;
      if (received > 0) metrics[`rate_${channel}`] = engaged / received;
    }
    const { minMessagesPerChannel, priorStrength } = BestChannelOptions.parse({});
    return {
      metrics,
      hyperparameters: { minMessagesPerChannel, priorStrength },
      state: {
        format: 'meridian/best-channel-population-v1',
        channels: this.state.channels.map((entry) => ({ ...entry })),
      },
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { profileFeatures, slotLabel } from '@meridian/learning';
import { ScoringSettingsService } from '../settings';
import { bestChannelOf, emptyPopulation, sendTimeOf } from './engagement-answers';
import { summaryFor, type ModelProfileDocument } from './model-profile';
import { ModelProfilesRepository } from './model-profiles.repository';
import { ModelStore } from './model-store';
import { MODELS_OPTIONS, type ModelsOptions } from './models-options';

/** `GET /v1/models/profiles/:profileId`. */
export interface ProfileModelsView {
  readonly workspaceId: string;
  readonly profileId: string;
  readonly partition: number;
  /** The workspace clock the propensities were computed at. */
  readonly asOf: string;
  readonly propensities: readonly {
    readonly modelId: string;
    readonly goal: string;
    readonly windowDays: number;
    /** The champion's probability; null before the partition has a model. */
    readonly probability: number | null;
    readonly championVersion: number | null;
  }[];
  readonly sendTime: {
    /** The next instant from now in the profile's best local hour of the week. */
    readonly at: string;
    readonly slot: number;
    readonly label: string;
    /** 'population': fewer than 3 engagements, the partition's best hour answered. */
    readonly basis: 'profile' | 'population';
    readonly share: number;
  };
  /** Null while nobody on the partition has received a message. */
  readonly bestChannel: {
    readonly channel: string;
    /** 'profile': two channels had 5 messages or more; else 'population'. */
    readonly rule: 'profile' | 'population';
    readonly posteriorMeans: Readonly<Record<string, number>>;
    readonly measuredChannels: readonly string[];
  } | null;
  readonly channels: ModelProfileDocument['channels'];
}

/** A profile's models as the API shows them, on any instance (read-only copies elsewhere). */
@Injectable()
export class ProfileModelsService {
  constructor(
    private readonly store: ModelStore,
    private readonly profiles: ModelProfilesRepository,
    private readonly settings: ScoringSettingsService,
    @Inject(MODELS_OPTIONS) private readonly options: ModelsOptions,
  ) {}

  /** Null for a profile the models never saw. */
  async view(workspaceId: string, profileId: string): Promise<ProfileModelsView | null> {
    const profile = await this.profiles.find(workspaceId, profileId);
    if (profile === null) return null;
    const { partition } = profile;
    const now = this.options.wallClock();
    const asOf = await this.clockOf(profile, now);
    const propensities = await Promise.all(
      this.options.goals.map(async (goal) => {
        const model = await this.store.readPropensity(workspaceId, goal, partition);
        const features = profileFeatures(summaryFor(profile, goal.goal, asOf));
        return {
          modelId: goal.modelId,
          goal: goal.goal,
          windowDays: goal.windowDays,
          probability: model === null ? null : model.predict(features),
          championVersion: model === null ? null : model.championVersion,
        };
      }),
    );
    const population =
      (await this.store.readEngagement(workspaceId, partition))?.population ?? emptyPopulation();
    const sendTime = sendTimeOf(profile, population, now);
    const channel = bestChannelOf(profile, population);
    return {
      workspaceId,
      profileId,
      partition,
      asOf: new Date(asOf).toISOString(),
      propensities,
      sendTime: {
        at: new Date(sendTime.at).toISOString(),
        slot: sendTime.slot,
        label: slotLabel(sendTime.slot),
        basis: sendTime.basis,
        share: sendTime.share,
      },
      bestChannel:
        channel === null
          ? null
          : {
              channel: channel.channel,
              rule: channel.rule,
              posteriorMeans: channel.posteriorMeans,
              measuredChannels: channel.measuredChannels,
            },
      channels: profile.channels,
    };
  }

  /**
   * The workspace clock: the wall clock, or in replay mode the partition's latest event time
   * (known to its owner; elsewhere the profile's latest event).
   */
  private async clockOf(profile: ModelProfileDocument, now: number): Promise<number> {
    const { clock } = await this.settings.settingsOf(profile.workspaceId);
    if (clock === 'wall') return now;
    const watermark = this.store.owns(profile.partition)
      ? this.store.watermark(profile.workspaceId, profile.partition)
      : null;
    return watermark ?? profile.lastSeenAt ?? now;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  MESSAGE_STATUSES,
  type Channel,
  type EventsResolvedV1,
  type MessageStatus,
  type ProfileScore,
} from '@meridian/contracts';
import { type LabelledExample, profileFeatures } from '@meridian/learning';
import { JetStreamPublisher } from '@meridian/messaging';
import { MetricsRegistry } from '@meridian/observability';
import { ProfileErasureLedger } from '@meridian/profile-erasure';
import { PartitionLock, type MessageLifecycleEvent } from '../rfm';
import { engagementScores } from './engagement-answers';
import { observeGoal, releaseExpired } from './label-windows';
import {
  newModelProfile,
  summaryFor,
  withProfileEvent,
  type ModelProfileDocument,
} from './model-profile';
import { ModelProfilesRepository } from './model-profiles.repository';
import { movedScores, scoreMessages, withPublished, type ScoresChange } from './model-scores';
import { ModelStore } from './model-store';
import { MODELS_OPTIONS, type ModelsOptions } from './models-options';
import { withMessageEngagement, type MessageEngagement } from './profile-engagement';
import { readProfileEvent } from './profile-events';
import type { PropensityModel } from './propensity-model';

/**
 * What became of an event: not for the models, seen before, applied, or about a profile erased
 * for a data-subject request (dropped, so its data is not created again).
 */
export type ModelsOutcome = 'ignored' | 'duplicate' | 'applied' | 'erased';

const ENGAGEMENT_KINDS: Partial<Record<MessageStatus, MessageEngagement['kind']>> = {
  delivered: 'received',
  opened: 'opened',
  clicked: 'clicked',
};

interface Released {
  readonly model: PropensityModel;
  readonly example: LabelledExample;
}

/**
 * The models' entry points for the scoring event handlers. Per resolved event: the profile's
 * summary, goal labels and label windows move on (examples released to the partition's
 * champion/challenger), conversions reward NBA decisions, and the profile's propensities are
 * published when they moved. Per message event: channel and hour-of-week engagement, the
 * partition population, clicks rewarding NBA decisions, and the send-time and best-channel
 * scores when they changed.
 *
 * `onResolvedEvent` and `onMessageEvent` expect the caller to hold the partition's
 * PartitionLock; `handleResolvedEvent` and `handleMessageEvent` take it themselves (the
 * handlers call these, since RFM takes the lock inside its own service and the lock is not
 * re-entrant). Every step is idempotent per event id: scores are published (with ids derived
 * from the event's) before the profile is saved, and learned from after.
 */
@Injectable()
export class ModelsService {
  private readonly logger = new Logger(ModelsService.name);
  private readonly count: (source: 'events' | 'messages', outcome: ModelsOutcome) => void;
  private readonly goalNames: readonly string[];

  constructor(
    private readonly store: ModelStore,
    private readonly profiles: ModelProfilesRepository,
    private readonly publisher: JetStreamPublisher,
    @Inject(PartitionLock) private readonly lock: PartitionLock,
    @Inject(MODELS_OPTIONS) private readonly options: ModelsOptions,
    private readonly ledger: ProfileErasureLedger,
    metrics: MetricsRegistry,
  ) {
    const events = metrics.counter({
      name: 'meridian_scoring_model_events_total',
      help: 'Events the self-training models handled, by source (events, messages) and outcome',
      labelNames: ['source', 'outcome'],
    });
    this.count = (source, outcome) => events.inc({ source, outcome });
    this.goalNames = options.goals.map((goal) => goal.goal);
  }

  handleResolvedEvent(event: EventsResolvedV1): Promise<ModelsOutcome> {
    return this.lock.run(event.payload.partition, () => this.onResolvedEvent(event));
  }

  handleMessageEvent(event: MessageLifecycleEvent): Promise<ModelsOutcome> {
    const status = event.type.slice('message.'.length);
    const known = MESSAGE_STATUSES.find((candidate) => candidate === status) ?? 'requested';
    return this.lock.run(event.payload.partition, () =>
      this.onMessageEvent(event, known, event.payload.channel),
    );
  }

  /** A resolved event of an owned partition; the caller holds the partition's lock. */
  async onResolvedEvent(event: EventsResolvedV1): Promise<ModelsOutcome> {
    const { workspaceId } = event;
    const { profileId, partition } = event.payload;
    this.store.assertOwns(partition, `event ${event.id} of partition ${partition}`);
    const facts = readProfileEvent(event, this.options.traits);
    if (Number.isNaN(facts.at)) return this.counted('events', 'ignored');
    const stored = await this.profiles.find(workspaceId, profileId);
    if (await this.isErased(workspaceId, profileId, stored, event.id))
      return this.counted('events', 'erased');
    let profile = withProfileEvent(
      stored ?? newModelProfile({ workspaceId, profileId, partition }),
      facts,
      this.goalNames,
    );
    if (profile === null) return this.counted('events', 'duplicate');
    this.store.observeEventTime(workspaceId, partition, facts.at);

    const at = new Date(facts.at).toISOString();
    const scores: ProfileScore[] = [];
    const released: Released[] = [];
    for (const goal of this.options.goals) {
      const features = profileFeatures(summaryFor(profile, goal.goal, facts.at));
      const step = observeGoal(profile, {
        goal: goal.goal,
        windowDays: goal.windowDays,
        at,
        isGoalEvent: facts.name === goal.goal,
        features,
      });
      profile = step.profile;
      const model = await this.store.propensityOf(workspaceId, goal, partition);
      scores.push({ name: goal.modelId, value: model.predict(features) });
      released.push(...step.released.map((example) => ({ model, example })));
    }
    if (facts.name !== null) {
      for (const bandit of (await this.store.banditsOf(workspaceId, partition)).values())
        bandit.onEvent(profileId, facts.name, facts.at);
    }
    await this.publishAndSave(profile, {
      cause: event,
      profileId,
      partition,
      scoredAt: facts.at,
      scores,
    });
    this.learn(released);
    await this.store.flush(workspaceId, partition);
    return this.counted('events', 'applied');
  }

  /** A message lifecycle event of an owned partition; the caller holds the partition's lock. */
  async onMessageEvent(
    event: MessageLifecycleEvent,
    status: MessageStatus,
    channel: Channel,
  ): Promise<ModelsOutcome> {
    const kind = ENGAGEMENT_KINDS[status];
    if (kind === undefined) return this.counted('messages', 'ignored');
    const { workspaceId } = event;
    const { profileId, partition, messageId, templateId } = event.payload;
    this.store.assertOwns(partition, `event ${event.id} of partition ${partition}`);
    const at = Date.parse(event.occurredAt);
    const stored = await this.profiles.find(workspaceId, profileId);
    // Before the bandits: an erased profile's late click must not settle anything either.
    if (await this.isErased(workspaceId, profileId, stored, event.id))
      return this.counted('messages', 'erased');
    if (kind === 'clicked') {
      for (const bandit of (await this.store.banditsOf(workspaceId, partition)).values())
        bandit.onClick(profileId, templateId, at);
    }
    const step = withMessageEngagement(
      stored ?? newModelProfile({ workspaceId, profileId, partition }),
      { eventId: event.id, messageId, channel, kind, at },
    );
    if (step === null) {
      await this.store.flush(workspaceId, partition);
      return this.counted('messages', 'duplicate');
    }
    const engagement = await this.store.engagementOf(workspaceId, partition);
    engagement.add(step.increment);
    const scores = engagementScores(step.profile, engagement.population);
    await this.publishAndSave(step.profile, {
      cause: event,
      profileId,
      partition,
      scoredAt: at,
      scores,
    });
    await this.store.flush(workspaceId, partition);
    return this.counted('messages', 'applied');
  }

  /**
   * Releases the label windows of an owned partition that closed before `cutoff` (epoch ms), one
   * page of profiles; returns how many profiles it changed. The caller holds the lock.
   */
  async closeDueWindows(
    workspaceId: string,
    partition: number,
    cutoff: number,
    pageSize: number,
  ): Promise<number> {
    const due = await this.profiles.dueForClosing(workspaceId, partition, cutoff, pageSize);
    const cutoffIso = new Date(cutoff).toISOString();
    const released: Released[] = [];
    let changed = 0;
    for (const profile of due) {
      const step = releaseExpired(profile, cutoffIso);
      if (step.released.length === 0) continue;
      await this.profiles.save({ ...step.profile, revision: step.profile.revision + 1 });
      changed++;
      for (const example of step.released) {
        const goal = this.options.goals.find((candidate) => candidate.goal === example.goal);
        if (goal === undefined) continue;
        released.push({
          model: await this.store.propensityOf(workspaceId, goal, partition),
          example,
        });
      }
    }
    this.learn(released);
    await this.store.flush(workspaceId, partition);
    return changed;
  }

  private async publishAndSave(profile: ModelProfileDocument, change: ScoresChange): Promise<void> {
    const moved = movedScores(profile.published, change.scores, this.options.scoreEpsilon);
    const messages = scoreMessages({ ...change, scores: moved });
    if (messages.length > 0) await this.publisher.publishMany(messages);
    await this.profiles.save({
      ...profile,
      published: withPublished(profile.published, moved),
      revision: profile.revision + 1,
    });
  }

  /** Examples in the order their windows closed; a promotion is written by the next flush. */
  private learn(released: readonly Released[]): void {
    const ordered = [...released].sort((a, b) =>
      a.example.labelledAt.localeCompare(b.example.labelledAt),
    );
    const now = new Date(this.options.wallClock()).toISOString();
    for (const { model, example } of ordered) {
      if (model.learn(example, now)) {
        this.logger.log(
          `${model.ref.goal.modelId} of ${model.ref.workspaceId} partition ${model.ref.partition}: challenger promoted to champion (version ${model.championVersion})`,
        );
      }
    }
  }

  /**
   * Whether the event is about a profile erased for a data-subject request: its late events
   * (an email opened days later) must not create its data again. Asked only when the models
   * hold no document for the profile, so a known profile's events cost no extra read.
   */
  private async isErased(
    workspaceId: string,
    profileId: string,
    stored: ModelProfileDocument | null,
    eventId: string,
  ): Promise<boolean> {
    if (stored !== null || !(await this.ledger.isErased(workspaceId, profileId))) return false;
    this.logger.debug(`${eventId} is about a profile erased for a data-subject request; dropped`);
    return true;
  }

  private counted(source: 'events' | 'messages', outcome: ModelsOutcome): ModelsOutcome {
    this.count(source, outcome);
    return outcome;
  }
}

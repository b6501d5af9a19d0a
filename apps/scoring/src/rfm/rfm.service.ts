import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventsResolvedV1 } from '@meridian/contracts';
import { JetStreamPublisher, PermanentError } from '@meridian/messaging';
import { MetricsRegistry } from '@meridian/observability';
import { ProfileErasureLedger } from '@meridian/profile-erasure';
import {
  engagementOf,
  type ChannelEngagement,
  type GoldenRecordRfm,
  type RfmRecord,
  type RfmSettings,
} from '@meridian/rfm';
import { ScoringSettingsService, type EffectiveScoringSettings } from '../settings';
import { readEngagementEvent, type MessageLifecycleEvent } from './engagement-events';
import { readOrderEvent } from './order-events';
import { PartitionLock } from './partition-lock';
import { memberIncrements } from './population';
import { evaluateRfm, segmentKindOf } from './rfm-evaluation';
import { causeOfEvent, rfmChangeMessages, type RfmCause } from './rfm-messages';
import { RfmPopulationService } from './rfm-population.service';
import {
  afterEvent,
  evaluationInstant,
  newRfmProfile,
  withEngagement,
  withOrder,
  type ProfileFactsChange,
  type ProfileRef,
  type RfmProfileDocument,
} from './rfm-profile';
import { RfmPartitionRepository } from './rfm-partition.repository';
import { RfmProfileRepository } from './rfm-profile.repository';

/**
 * What became of an event: not for RFM (ignored), unreadable (invalid, logged), seen before
 * (duplicate), changing nothing (a second completion of an order, a second open of a message),
 * applied, or about a profile erased for a data-subject request (erased: dropped, so its data
 * is not created again).
 */
export type RfmOutcome = 'ignored' | 'invalid' | 'duplicate' | 'unchanged' | 'applied' | 'erased';

/** The read API's answer: the RFM at `asOf`, engagement per channel, and what was published. */
export interface RfmProfileView {
  readonly workspaceId: string;
  readonly profileId: string;
  readonly partition: number;
  readonly asOf: string;
  readonly rfm: RfmRecord;
  readonly segments: readonly { readonly name: string; readonly kind: 'rfm' | 'trend' }[];
  readonly engagement: ChannelEngagement[];
  readonly published: {
    readonly rfm: GoldenRecordRfm | null;
    readonly segments: readonly string[];
    readonly asOf: string | null;
  };
}

/**
 * RFM from events: Order Completed / Order Refunded (events.resolved) and message deliveries,
 * opens and clicks (message.*) update the profile's facts; the profile is evaluated at the
 * workspace clock against the population's cut points, and what changed is published (first,
 * with ids derived from the event's) and then saved, so a crash in between republishes the same
 * ids, which the streams drop. Every write of a partition runs under its PartitionLock.
 */
@Injectable()
export class RfmService {
  private readonly logger = new Logger(RfmService.name);
  private readonly count: (source: 'orders' | 'messages', outcome: RfmOutcome) => void;

  constructor(
    private readonly profiles: RfmProfileRepository,
    private readonly partitions: RfmPartitionRepository,
    private readonly population: RfmPopulationService,
    private readonly settings: ScoringSettingsService,
    private readonly publisher: JetStreamPublisher,
    @Inject(PartitionLock) private readonly lock: PartitionLock,
    private readonly ledger: ProfileErasureLedger,
    metrics: MetricsRegistry,
  ) {
    const events = metrics.counter({
      name: 'meridian_scoring_rfm_events_total',
      help: 'Events RFM handled, by source (orders, messages) and outcome',
      labelNames: ['source', 'outcome'],
    });
    this.count = (source, outcome) => events.inc({ source, outcome });
  }

  /** `ownedPartition`: the partition of the consumer the event came from. */
  async onResolvedEvent(
    event: EventsResolvedV1,
    ownedPartition: number | undefined,
  ): Promise<RfmOutcome> {
    const reading = readOrderEvent(event);
    if (reading.kind === 'not-an-order') return this.counted('orders', 'ignored');
    if (reading.kind === 'invalid') {
      this.logger.warn(`event ${event.id} is left out of RFM: ${reading.reason}`);
      return this.counted('orders', 'invalid');
    }
    const { profileId, partition } = event.payload;
    const ref = { workspaceId: event.workspaceId, profileId, partition };
    const outcome = await this.apply(
      ref,
      ownedPartition,
      causeOfEvent(event),
      reading.order.at,
      (profile, settings) => withOrder(profile, reading, settings),
    );
    return this.counted('orders', outcome);
  }

  async onMessageEvent(
    event: MessageLifecycleEvent,
    ownedPartition: number | undefined,
  ): Promise<RfmOutcome> {
    const reading = readEngagementEvent(event);
    if (reading.kind === 'ignored') return this.counted('messages', 'ignored');
    const { engagement } = reading;
    const { profileId, partition } = event.payload;
    const ref = { workspaceId: event.workspaceId, profileId, partition };
    const outcome = await this.apply(
      ref,
      ownedPartition,
      causeOfEvent(event),
      engagement.at,
      (profile, settings) => withEngagement(profile, engagement, settings),
    );
    return this.counted('messages', outcome);
  }

  /** The profile's RFM at `asOf` (default: the workspace clock); null for an unknown profile. */
  async profileView(
    workspaceId: string,
    profileId: string,
    asOf?: number,
  ): Promise<RfmProfileView | null> {
    const profile = await this.profiles.findProfile(workspaceId, profileId);
    if (profile === null) return null;
    const settings = await this.settings.settingsOf(workspaceId);
    const at = asOf ?? (await this.population.clockOf(workspaceId, settings.clock)).now();
    const { cuts } = await this.population.view(workspaceId);
    const { record, segments } = evaluateRfm(profile.facts, at, cuts, settings.rfm, profile);
    return {
      workspaceId,
      profileId,
      partition: profile.partition,
      asOf: new Date(at).toISOString(),
      rfm: record,
      segments: segments.map((name) => ({ name, kind: segmentKindOf(name) })),
      engagement: engagementOf(profile.facts, at, settings.rfm),
      published: {
        rfm: profile.record,
        segments: profile.segments,
        asOf: profile.evaluatedAt === null ? null : new Date(profile.evaluatedAt).toISOString(),
      },
    };
  }

  private apply(
    ref: ProfileRef,
    ownedPartition: number | undefined,
    cause: RfmCause,
    eventAt: number,
    change: (profile: RfmProfileDocument, settings: RfmSettings) => ProfileFactsChange | null,
  ): Promise<RfmOutcome> {
    if (ownedPartition !== undefined && ownedPartition !== ref.partition) {
      throw new PermanentError(
        `event ${cause.id} of partition ${ref.partition} arrived on partition ${ownedPartition}: only a partition's owner may write its profiles`,
      );
    }
    return this.lock.run(ref.partition, async () => {
      const settings = await this.settings.settingsOf(ref.workspaceId);
      const stored = await this.profiles.findProfile(ref.workspaceId, ref.profileId);
      if (stored === null && (await this.isErased(ref, cause.id))) return 'erased';
      if (stored?.appliedEventIds.includes(cause.id)) return 'duplicate';
      const profile = stored ?? newRfmProfile(ref);
      const changed = change(profile, settings.rfm);
      if (changed === null) return 'unchanged';
      await this.evaluateAndStore(profile, changed, { cause, eventAt, settings });
      return 'applied';
    });
  }

  /**
   * Whether the event is about a profile erased for a data-subject request: its late events
   * (an email opened days later, on MESSAGES, in no order with the erasure) must not create its
   * RFM again. Asked only of a profile RFM holds no document for, so a known profile's events
   * cost no extra read.
   */
  private async isErased(ref: ProfileRef, eventId: string): Promise<boolean> {
    if (!(await this.ledger.isErased(ref.workspaceId, ref.profileId))) return false;
    this.logger.debug(`${eventId} is about a profile erased for a data-subject request; dropped`);
    return true;
  }

  /**
   * Evaluates the changed profile at the workspace clock, publishes what changed, then saves the
   * profile and moves it in its partition's sketches (under the partition's lock).
   */
  private async evaluateAndStore(
    profile: RfmProfileDocument,
    changed: ProfileFactsChange,
    event: {
      readonly cause: RfmCause;
      readonly eventAt: number;
      readonly settings: EffectiveScoringSettings;
    },
  ): Promise<void> {
    const { workspaceId, profileId, partition } = profile;
    const { cause, eventAt, settings } = event;
    await this.population.ensurePartition(workspaceId, partition);
    const clock = await this.population.clockOf(workspaceId, settings.clock, eventAt);
    const asOf = evaluationInstant(profile, clock.now());
    const { cuts } = await this.population.view(workspaceId);
    const evaluation = evaluateRfm(changed.facts, asOf, cuts, settings.rfm, profile);
    const messages = rfmChangeMessages({
      cause,
      profileId,
      partition,
      asOf,
      reason: 'event',
      evaluation,
    });
    if (messages.length > 0) await this.publisher.publishMany(messages);
    await this.profiles.save(afterEvent(profile, changed, evaluation, cause.id, asOf));
    await this.partitions.applyChange(
      workspaceId,
      partition,
      memberIncrements(profile.facts, changed.facts),
      this.population.movedWatermark(workspaceId, partition, eventAt),
    );
    // Only once stored: a retry after a failure must find the watermark still to be moved.
    this.population.observe(workspaceId, partition, eventAt);
  }

  private counted(source: 'orders' | 'messages', outcome: RfmOutcome): RfmOutcome {
    this.count(source, outcome);
    return outcome;
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BanditChoice } from '@meridian/learning';
import { MetricsRegistry } from '@meridian/observability';
import { z } from 'zod';
import { PartitionLock } from '../rfm';
import { ScoringApiError } from '../settings';
import { ModelProfilesRepository } from './model-profiles.repository';
import { ModelStore, NBA_CONTEXT } from './model-store';
import { MODELS_OPTIONS, type ModelsOptions } from './models-options';
import { NbaModel, type NbaDecisionInput, type NbaRef } from './nba-model';

/** Profiles whose partition the decision API remembers, so a repeat needs no read. */
const PARTITION_CACHE_SIZE = 100_000;

const ContextValue = z.union([z.number(), z.string().max(64), z.boolean(), z.null()]);

/** `POST /v1/nba/decisions`. */
export const NbaDecisionRequest = z.strictObject({
  actionSetId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'letters, digits, _ . : - (at most 128)'),
  profileId: z.string().min(1).max(128),
  /** The profile's partition, as its events carry it; looked up from scoring's data if absent. */
  partition: z.number().int().min(0).max(1023).optional(),
  /** The actions this profile is eligible for (an action is the templateId of its message). */
  actions: z
    .array(z.string().min(1).max(128))
    .min(1)
    .max(100)
    .refine((actions) => new Set(actions).size === actions.length, 'actions must be distinct'),
  /** Profile features for the bandit's context (DEFAULT_PROFILE_CONTEXT's names). */
  context: z.record(z.string().min(1).max(64), ContextValue).default({}),
  /** Reward a conversion (this track event) instead of a click on the action's message. */
  rewardEvent: z.string().min(1).max(200).optional(),
});
export type NbaDecisionRequest = z.infer<typeof NbaDecisionRequest>;

export interface NbaDecisionView {
  readonly decisionId: string;
  readonly actionSetId: string;
  readonly profileId: string;
  readonly partition: number;
  readonly actionId: string;
  /** The chosen action's posterior mean reward in this context, without exploration. */
  readonly expectedReward: number;
  /** Each offered action's sampled score, in the order given. */
  readonly scores: readonly { readonly actionId: string; readonly score: number }[];
  readonly decidedAt: string;
  /** A click (or the reward event) after this instant no longer rewards the decision. */
  readonly attributionClosesAt: string;
  readonly rewardOn: string;
  /**
   * Whether the decision was recorded to learn from: true on the partition's owner; false on
   * another instance, which chose with a read-only copy (see README, "Models").
   */
  readonly recorded: boolean;
}

/**
 * Next best action: one contextual bandit per (workspace, action set, partition). A decision is
 * made in memory (no store access on the owner once its bandits are loaded), learned at once as
 * a provisional zero, and checkpointed with the bandit later.
 */
@Injectable()
export class NbaService {
  private readonly logger = new Logger(NbaService.name);
  private readonly partitions = new Map<string, number>();
  private readonly flushing = new Set<string>();
  private readonly count: (outcome: 'recorded' | 'unrecorded') => void;

  constructor(
    private readonly store: ModelStore,
    private readonly profiles: ModelProfilesRepository,
    @Inject(PartitionLock) private readonly lock: PartitionLock,
    @Inject(MODELS_OPTIONS) private readonly options: ModelsOptions,
    metrics: MetricsRegistry,
  ) {
    const decisions = metrics.counter({
      name: 'meridian_scoring_nba_decisions_total',
      help: 'NBA decisions, recorded to learn from (on the owner) or not (read-only copy)',
      labelNames: ['outcome'],
    });
    this.count = (outcome) => decisions.inc({ outcome });
  }

  async decide(workspaceId: string, request: NbaDecisionRequest): Promise<NbaDecisionView> {
    const partition = await this.partitionOf(workspaceId, request);
    let context: Float64Array;
    try {
      context = NBA_CONTEXT.encode(request.context);
    } catch (error) {
      if (error instanceof RangeError) throw ScoringApiError.invalid(`context: ${error.message}`);
      throw error;
    }
    const decidedAt = this.options.wallClock();
    const decisionId = `nba_${randomUUID()}`;
    const rewardEvent = request.rewardEvent ?? null;
    const recorded = this.store.owns(partition);
    const ref = { workspaceId, partition, actionSetId: request.actionSetId };
    const choice = recorded
      ? await this.decideAndRecord(ref, {
          decisionId,
          profileId: request.profileId,
          actionIds: request.actions,
          context,
          decidedAt,
          rewardEvent,
        })
      : await this.chooseReadOnly(ref, context, request.actions, decidedAt);
    this.count(recorded ? 'recorded' : 'unrecorded');
    return {
      decisionId,
      actionSetId: request.actionSetId,
      profileId: request.profileId,
      partition,
      actionId: choice.actionId,
      expectedReward: choice.expectedReward,
      scores: request.actions.map((actionId, index) => ({
        actionId,
        score: choice.scores[index] ?? 0,
      })),
      decidedAt: iso(decidedAt),
      attributionClosesAt: iso(decidedAt + this.options.nbaWindowMs),
      rewardOn: rewardEvent ?? 'click',
      recorded,
    };
  }

  /** Forgets the partition remembered for an erased profile, so no decision finds it again. */
  forgetProfile(workspaceId: string, profileId: string): void {
    this.partitions.delete(`${workspaceId}|${profileId}`);
  }

  /** On the owner: the writable bandit decides and records the decision. */
  private async decideAndRecord(ref: NbaRef, input: NbaDecisionInput): Promise<BanditChoice> {
    const model = await this.store.banditFor(ref.workspaceId, ref.partition, ref.actionSetId);
    const choice = model.decide(input);
    this.flushWhenDue(ref.workspaceId, ref.partition, model);
    return choice;
  }

  /**
   * Elsewhere: a read-only copy of the owner's latest checkpoint chooses (a new action set's
   * prior if the owner has none yet), and nothing is recorded: no contract carries the
   * decision to the owner yet (see README, "Models").
   */
  private async chooseReadOnly(
    ref: NbaRef,
    context: Float64Array,
    actionIds: readonly string[],
    decidedAt: number,
  ): Promise<BanditChoice> {
    const model =
      (await this.store.readBandit(ref.workspaceId, ref.partition, ref.actionSetId)) ??
      NbaModel.create(ref, NBA_CONTEXT.dimension, this.options.nbaWindowMs, iso(decidedAt));
    return model.choose(context, actionIds);
  }

  /** The partition the request names, or the one scoring stored for the profile. */
  private async partitionOf(workspaceId: string, request: NbaDecisionRequest): Promise<number> {
    if (request.partition !== undefined) {
      if (request.partition >= this.options.partitions)
        throw ScoringApiError.invalid(
          `partition: ${request.partition} does not exist (there are ${this.options.partitions})`,
        );
      return request.partition;
    }
    const key = `${workspaceId}|${request.profileId}`;
    const known = this.partitions.get(key);
    if (known !== undefined) return known;
    const profile = await this.profiles.find(workspaceId, request.profileId);
    if (profile === null)
      throw ScoringApiError.notFound(
        `scoring has not seen profile ${request.profileId}: pass its partition`,
      );
    if (this.partitions.size >= PARTITION_CACHE_SIZE) {
      const oldest = this.partitions.keys().next().value;
      if (oldest !== undefined) this.partitions.delete(oldest);
    }
    this.partitions.set(key, profile.partition);
    return profile.partition;
  }

  /**
   * Writes the bandit's versions under the partition's lock when it is new or has made
   * MODELS_CHECKPOINT_EXAMPLES decisions, after the answer (the timer does it otherwise). A
   * failure is logged; the versions stay unsaved and the next checkpoint writes them.
   */
  private flushWhenDue(workspaceId: string, partition: number, model: NbaModel): void {
    const due =
      model.unsaved >= this.options.checkpointExamples || model.versions.unsaved().length > 0;
    const key = `${workspaceId}|${partition}`;
    if (!due || this.flushing.has(key)) return;
    this.flushing.add(key);
    void this.lock
      .run(partition, () => this.store.flush(workspaceId, partition))
      .catch((error: unknown) =>
        this.logger.error(
          `checkpointing the NBA models of ${key} failed; the timer retries`,
          error,
        ),
      )
      .finally(() => this.flushing.delete(key));
  }
}

function iso(at: number): string {
  return new Date(at).toISOString();
}

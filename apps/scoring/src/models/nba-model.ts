import { partitionOf } from '@meridian/contracts';
import {
  type BanditChoice,
  BanditState,
  ContextualBandit,
  createModelVersion,
  type ModelKind,
  PendingDecisions,
  PendingDecisionsState,
  SeededRandom,
  type Settlement,
} from '@meridian/learning';
import { z } from 'zod';
import type { ModelVersionDocument } from './model-version-document';
import { TrackedVersions } from './tracked-versions';

export const NBA_MODEL_PREFIX = 'nba:';

export function nbaModelId(actionSetId: string): string {
  return `${NBA_MODEL_PREFIX}${actionSetId}`;
}

/**
 * What an NBA version stores: the bandit's posteriors, the decisions still waiting for their
 * reward (with their contexts), and which of them a conversion event rewards instead of a click.
 */
export const NbaState = z.object({
  format: z.literal('meridian/nba-v1'),
  bandit: BanditState,
  pending: PendingDecisionsState,
  conversions: z.array(z.object({ decisionId: z.string().min(1), event: z.string().min(1) })),
});
export type NbaState = z.infer<typeof NbaState>;

export interface NbaRef {
  readonly workspaceId: string;
  readonly partition: number;
  readonly actionSetId: string;
}

export interface NbaDecisionInput {
  readonly decisionId: string;
  readonly profileId: string;
  readonly actionIds: readonly string[];
  readonly context: Float64Array;
  /** Epoch ms. */
  readonly decidedAt: number;
  /** The event that rewards the decision (a conversion); null: a click on the action's message. */
  readonly rewardEvent: string | null;
}

interface DecisionRef {
  readonly actionId: string;
  readonly rewardEvent: string | null;
}

/** A settled decision and whether it taught the bandit a reward (a 1). */
export interface NbaSettlement extends Settlement {
  readonly actionSetId: string;
}

/**
 * One partition's contextual bandit for one action set, with its pending decisions. A decision
 * is learned at once as a provisional zero (`observe`, the library's better way) and credited
 * with 1 if a click on the action's message (its templateId) or, for a conversion goal, the
 * goal event comes within the attribution window; a window that ends without one leaves the
 * zero. Decisions are found by profile, so a click finds its decision in O(1).
 */
export class NbaModel {
  private readonly byProfile = new Map<string, Map<string, DecisionRef>>();
  private unsavedDecisions = 0;

  private constructor(
    readonly ref: NbaRef,
    private readonly bandit: ContextualBandit,
    private readonly pending: PendingDecisions,
    readonly versions: TrackedVersions,
    conversions: ReadonlyMap<string, string>,
  ) {
    for (const decision of pending.toState().decisions) {
      this.index(decision.profileId, decision.decisionId, {
        actionId: decision.actionId,
        rewardEvent: conversions.get(decision.decisionId) ?? null,
      });
    }
  }

  /** A new action set's bandit (no action yet: they join with the prior when first offered). */
  static create(ref: NbaRef, dimension: number, windowMs: number, at: string): NbaModel {
    const bandit = new ContextualBandit({ dimension }, new SeededRandom(seedOf(ref, 0)));
    const model = new NbaModel(
      ref,
      bandit,
      new PendingDecisions(windowMs),
      new TrackedVersions(),
      new Map(),
    );
    const kind: ModelKind = 'bandit';
    const version = createModelVersion(
      {
        workspaceId: ref.workspaceId,
        modelId: nbaModelId(ref.actionSetId),
        kind,
        status: 'champion',
        createdAt: at,
        ...model.content(),
      },
      [],
    );
    model.versions.set(version, ref.partition, at);
    return model;
  }

  /**
   * The bandit as its champion version stored it. The window is today's setting: pending
   * decisions are given it, whatever it was when they were made.
   */
  static fromDocument(ref: NbaRef, document: ModelVersionDocument, windowMs: number): NbaModel {
    const state = NbaState.parse(document.state);
    const pulls = state.bandit.actions.reduce((sum, action) => sum + action.pulls, 0);
    // Seeded by the decisions made so far, so a restart does not replay the same draws.
    const bandit = ContextualBandit.fromState(state.bandit, new SeededRandom(seedOf(ref, pulls)));
    const pending = new PendingDecisions(windowMs);
    for (const decision of state.pending.decisions) pending.record(decision);
    const conversions = new Map(state.conversions.map((entry) => [entry.decisionId, entry.event]));
    return new NbaModel(ref, bandit, pending, new TrackedVersions([document]), conversions);
  }

  get dimension(): number {
    return this.bandit.options.dimension;
  }

  get trackers(): readonly TrackedVersions[] {
    return [this.versions];
  }

  /** Decisions made since the last checkpoint. */
  get unsaved(): number {
    return this.unsavedDecisions;
  }

  get pendingDecisions(): number {
    return this.pending.size;
  }

  statistics(actionId: string): { pulls: number; rewardSum: number } | undefined {
    return this.bandit.statistics(actionId);
  }

  /** Chooses without learning anything: for a read-only copy of another owner's partition. */
  choose(context: Float64Array, actionIds: readonly string[]): BanditChoice {
    return this.bandit.choose(context, actionIds);
  }

  /** Chooses, learns the decision as a provisional zero and opens its attribution window. */
  decide(input: NbaDecisionInput): BanditChoice {
    const choice = this.bandit.choose(input.context, input.actionIds);
    this.pending.record({
      decisionId: input.decisionId,
      profileId: input.profileId,
      actionId: choice.actionId,
      context: Array.from(input.context),
      decidedAt: input.decidedAt,
    });
    this.bandit.observe(choice.actionId, input.context);
    this.index(input.profileId, input.decisionId, {
      actionId: choice.actionId,
      rewardEvent: input.rewardEvent,
    });
    this.unsavedDecisions++;
    return choice;
  }

  /** A click of `profileId` on a message of template `actionId` at `at` (epoch ms). */
  onClick(profileId: string, actionId: string, at: number): NbaSettlement[] {
    return this.respond(
      profileId,
      at,
      (ref) => ref.rewardEvent === null && ref.actionId === actionId,
    );
  }

  /** A track event of `profileId` at `at`: rewards the decisions whose goal it is. */
  onEvent(profileId: string, event: string, at: number): NbaSettlement[] {
    return this.respond(profileId, at, (ref) => ref.rewardEvent === event);
  }

  /** Settles with 0 every decision whose window ended before `now` (already learned as 0). */
  closeExpired(now: number): NbaSettlement[] {
    const settled = this.pending.closeExpired(now);
    for (const { decision } of settled) this.unindex(decision.profileId, decision.decisionId);
    this.unsavedDecisions += settled.length;
    return settled.map((settlement) => ({ ...settlement, actionSetId: this.ref.actionSetId }));
  }

  /**
   * Forgets every pending decision of the profile, for a data-subject erasure: they leave the
   * state the next checkpoint writes, and no later click or event of the profile settles them.
   * What the bandit learned from them stays (each was learned as a provisional zero when made,
   * as if its window closed silently): a posterior sum names nobody and cannot be taken apart.
   * Answers how many decisions it forgot; they count as unsaved, so a checkpoint writes them.
   */
  forgetProfile(profileId: string): number {
    // The pending decisions are the truth (the index is built from them): every decision that
    // names the profile goes, whatever the index says.
    const forgotten = this.pending
      .toState()
      .decisions.filter((decision) => decision.profileId === profileId);
    for (const { decisionId } of forgotten) {
      // PendingDecisions has no removal of its own: responding takes the decision out, and the
      // settlement is dropped, so the bandit is credited nothing.
      this.pending.respond(decisionId, 0);
    }
    this.byProfile.delete(profileId);
    this.unsavedDecisions += forgotten.length;
    return forgotten.length;
  }

  checkpoint(at: string): void {
    const champion = this.versions.withStatus('champion');
    if (champion !== undefined)
      this.versions.set({ ...champion, ...this.content() }, this.ref.partition, at);
    this.unsavedDecisions = 0;
  }

  private respond(
    profileId: string,
    at: number,
    rewards: (ref: DecisionRef) => boolean,
  ): NbaSettlement[] {
    const decisions = this.byProfile.get(profileId);
    if (decisions === undefined) return [];
    const settled: NbaSettlement[] = [];
    for (const [decisionId, ref] of [...decisions]) {
      if (!rewards(ref)) continue;
      const settlement = this.pending.respond(decisionId, at);
      this.unindex(profileId, decisionId);
      if (settlement === null) continue;
      if (settlement.reward === 1) {
        this.bandit.credit(ref.actionId, settlement.decision.context, 1);
      }
      this.unsavedDecisions++;
      settled.push({ ...settlement, actionSetId: this.ref.actionSetId });
    }
    return settled;
  }

  private index(profileId: string, decisionId: string, ref: DecisionRef): void {
    const decisions = this.byProfile.get(profileId) ?? new Map<string, DecisionRef>();
    decisions.set(decisionId, ref);
    this.byProfile.set(profileId, decisions);
  }

  private unindex(profileId: string, decisionId: string): void {
    const decisions = this.byProfile.get(profileId);
    if (decisions === undefined) return;
    decisions.delete(decisionId);
    if (decisions.size === 0) this.byProfile.delete(profileId);
  }

  private content() {
    const bandit = this.bandit.toState();
    const pending = this.pending.toState();
    const conversions = pending.decisions.flatMap(({ decisionId, profileId }) => {
      const event = this.byProfile.get(profileId)?.get(decisionId)?.rewardEvent ?? null;
      return event === null ? [] : [{ decisionId, event }];
    });
    const state: NbaState = { format: 'meridian/nba-v1', bandit, pending, conversions };
    const decisions = bandit.actions.reduce((sum, action) => sum + action.pulls, 0);
    const rewards = bandit.actions.reduce((sum, action) => sum + action.rewardSum, 0);
    const metrics: Record<string, number> = {
      actions: bandit.actions.length,
      decisions,
      rewards,
      pendingDecisions: pending.decisions.length,
    };
    if (decisions > 0) metrics['rewardRate'] = rewards / decisions;
    const { dimension, explorationScale, policy, priorMean, ridge } = bandit.options;
    return {
      metrics,
      hyperparameters: {
        dimension,
        explorationScale,
        policy,
        priorMean,
        ridge,
        windowMs: pending.windowMs,
      },
      state,
    };
  }
}

/** A seed for the action set's sampler: stable per model instance, moved on by `salt`. */
function seedOf(ref: NbaRef, salt: number): number {
  return partitionOf(`${ref.workspaceId}|${ref.actionSetId}|${ref.partition}|${salt}`, 0x7fffffff);
}

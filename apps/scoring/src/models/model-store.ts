import { Inject, Injectable } from '@nestjs/common';
import { createContextEncoder, DEFAULT_PROFILE_CONTEXT } from '@meridian/learning';
import { PermanentError } from '@meridian/messaging';
import { EngagementModel, BEST_CHANNEL_MODEL_ID, SEND_TIME_MODEL_ID } from './engagement-model';
import type { ModelVersionDocument } from './model-version-document';
import { ModelVersionsRepository } from './model-versions.repository';
import { MODELS_OPTIONS, type ModelsOptions, type PropensityGoal } from './models-options';
import { NBA_MODEL_PREFIX, NbaModel } from './nba-model';
import { PropensityModel } from './propensity-model';
import type { TrackedVersions } from './tracked-versions';

/** The context every action set's bandit encodes: DEFAULT_PROFILE_CONTEXT's 11 coordinates. */
export const NBA_CONTEXT = createContextEncoder(DEFAULT_PROFILE_CONTEXT);

/** Every model of one (workspace, partition) this instance owns, loaded on first use. */
interface PartitionModels {
  readonly propensity: Map<string, Promise<PropensityModel>>;
  bandits: Promise<Map<string, NbaModel>> | null;
  engagement: Promise<EngagementModel> | null;
  /** The latest event time seen on the partition (the replay clock), epoch ms. */
  watermark: number | null;
}

interface Replica<Model> {
  readonly model: Promise<Model | null>;
  readonly loadedAt: number;
}

export interface CheckpointableModel {
  readonly unsaved: number;
  readonly trackers: readonly TrackedVersions[];
  checkpoint(at: string): void;
}

/**
 * The models in memory. A partition's owner holds the writable models of its partitions: it
 * loads them from the registry on first use (or creates them), trains them, and writes their
 * versions (`flush`, always under the partition's lock). Any instance can also read another
 * owner's partition through a read-only copy of its latest checkpoint, loaded again once it is
 * older than MODELS_REPLICA_REFRESH_MS.
 */
@Injectable()
export class ModelStore {
  private readonly owned = new Map<string, PartitionModels>();
  private readonly propensityReplicas = new Map<string, Replica<PropensityModel>>();
  private readonly engagementReplicas = new Map<string, Replica<EngagementModel>>();
  private readonly banditReplicas = new Map<string, Replica<Map<string, NbaModel>>>();
  private readonly ownedPartitions: ReadonlySet<number>;

  constructor(
    private readonly registry: ModelVersionsRepository,
    @Inject(MODELS_OPTIONS) private readonly options: ModelsOptions,
  ) {
    this.ownedPartitions = new Set(options.ownedPartitions);
  }

  owns(partition: number): boolean {
    return this.ownedPartitions.has(partition);
  }

  /**
   * Refuses for good (the message goes to the dead letters) work on a partition this instance
   * does not own: only a partition's owner writes its models. `work` names it, e.g.
   * "event <id> of partition 3".
   */
  assertOwns(partition: number, work: string): void {
    if (!this.owns(partition))
      throw new PermanentError(
        `${work} reached an instance that does not own it: only a partition's owner writes its models`,
      );
  }

  /** Notes a workspace with models on an owned partition (seen in an event or the registry). */
  remember(workspaceId: string, partition: number): void {
    this.partition(workspaceId, partition);
  }

  /** Owned (workspace, partition) pairs known to this instance. */
  knownPartitions(): { workspaceId: string; partition: number }[] {
    return [...this.owned.keys()].map((key) => {
      const separator = key.lastIndexOf('|');
      return { workspaceId: key.slice(0, separator), partition: Number(key.slice(separator + 1)) };
    });
  }

  /** Moves the partition's replay clock forward to an event time. */
  observeEventTime(workspaceId: string, partition: number, at: number): void {
    const models = this.partition(workspaceId, partition);
    if (models.watermark === null || at > models.watermark) models.watermark = at;
  }

  watermark(workspaceId: string, partition: number): number | null {
    return this.owned.get(key(workspaceId, partition))?.watermark ?? null;
  }

  /** The owner's propensity model of a goal: loaded from the registry, or created. */
  propensityOf(
    workspaceId: string,
    goal: PropensityGoal,
    partition: number,
  ): Promise<PropensityModel> {
    const models = this.partition(workspaceId, partition);
    return cached(models.propensity, goal.modelId, async () => {
      const ref = { workspaceId, partition, goal };
      const stored = await this.registry.current(workspaceId, goal.modelId, partition);
      if (stored.length === 0)
        return PropensityModel.create(ref, this.options.promotion, this.now());
      return PropensityModel.fromDocuments(ref, this.options.promotion, stored);
    });
  }

  /** Every action set's bandit of an owned partition, loaded together on first use. */
  banditsOf(workspaceId: string, partition: number): Promise<Map<string, NbaModel>> {
    const models = this.partition(workspaceId, partition);
    models.bandits ??= this.loadBandits(workspaceId, partition).catch((error: unknown) => {
      models.bandits = null;
      throw error;
    });
    return models.bandits;
  }

  /** The owner's bandit of an action set, created with the prior if it has none yet. */
  async banditFor(workspaceId: string, partition: number, actionSetId: string): Promise<NbaModel> {
    const bandits = await this.banditsOf(workspaceId, partition);
    const known = bandits.get(actionSetId);
    if (known !== undefined) return known;
    const ref = { workspaceId, partition, actionSetId };
    const model = NbaModel.create(ref, NBA_CONTEXT.dimension, this.options.nbaWindowMs, this.now());
    bandits.set(actionSetId, model);
    return model;
  }

  /** The owner's engagement population of a partition. */
  engagementOf(workspaceId: string, partition: number): Promise<EngagementModel> {
    const models = this.partition(workspaceId, partition);
    models.engagement ??= this.loadEngagement(workspaceId, partition).catch((error: unknown) => {
      models.engagement = null;
      throw error;
    });
    return models.engagement;
  }

  /** A propensity model to predict with: the owner's, or a copy of another owner's; null if none. */
  readPropensity(
    workspaceId: string,
    goal: PropensityGoal,
    partition: number,
  ): Promise<PropensityModel | null> {
    if (this.owns(partition)) return this.propensityOf(workspaceId, goal, partition);
    const id = `${workspaceId}|${goal.modelId}|${partition}`;
    return this.replica(this.propensityReplicas, id, async () => {
      const stored = await this.registry.current(workspaceId, goal.modelId, partition);
      if (stored.length === 0) return null;
      return PropensityModel.fromDocuments(
        { workspaceId, partition, goal },
        this.options.promotion,
        stored,
      );
    });
  }

  readEngagement(workspaceId: string, partition: number): Promise<EngagementModel | null> {
    if (this.owns(partition)) return this.engagementOf(workspaceId, partition);
    return this.replica(this.engagementReplicas, key(workspaceId, partition), async () => {
      const [sendTime, bestChannel] = await this.engagementDocuments(workspaceId, partition);
      if (sendTime === undefined || bestChannel === undefined) return null;
      return EngagementModel.fromDocuments({ workspaceId, partition }, sendTime, bestChannel);
    });
  }

  /** A copy of another owner's bandit of an action set; null if it has none. */
  readBandit(
    workspaceId: string,
    partition: number,
    actionSetId: string,
  ): Promise<NbaModel | null> {
    return this.replica(this.banditReplicas, key(workspaceId, partition), () =>
      this.loadBandits(workspaceId, partition),
    ).then((bandits) => bandits?.get(actionSetId) ?? null);
  }

  /**
   * Checkpoints the loaded models of an owned (workspace, partition) that have unsaved learning
   * (all of them with `force`, else those past MODELS_CHECKPOINT_EXAMPLES), then writes every
   * unsaved version. The caller holds the partition's lock.
   */
  async flush(workspaceId: string, partition: number, force = false): Promise<void> {
    const models = await this.loaded(workspaceId, partition);
    const at = this.now();
    for (const model of models) {
      const due = force ? model.unsaved > 0 : model.unsaved >= this.options.checkpointExamples;
      if (due) model.checkpoint(at);
    }
    for (const tracker of models.flatMap((model) => model.trackers)) {
      for (const unsaved of tracker.unsaved()) {
        await this.registry.write(unsaved);
        tracker.saved(unsaved.document);
      }
    }
  }

  /** Whether an owned (workspace, partition) has learning not checkpointed yet. */
  async hasUnsaved(workspaceId: string, partition: number): Promise<boolean> {
    const models = await this.loaded(workspaceId, partition);
    return models.some(
      (model) =>
        model.unsaved > 0 || model.trackers.some((tracker) => tracker.unsaved().length > 0),
    );
  }

  private async loaded(workspaceId: string, partition: number): Promise<CheckpointableModel[]> {
    const models = this.owned.get(key(workspaceId, partition));
    if (models === undefined) return [];
    const loaded: CheckpointableModel[] = await Promise.all(models.propensity.values());
    if (models.bandits !== null) loaded.push(...(await models.bandits).values());
    if (models.engagement !== null) loaded.push(await models.engagement);
    return loaded;
  }

  private partition(workspaceId: string, partition: number): PartitionModels {
    if (!this.owns(partition))
      throw new RangeError(`partition ${partition} is not owned by this instance`);
    const id = key(workspaceId, partition);
    let models = this.owned.get(id);
    if (models === undefined) {
      models = { propensity: new Map(), bandits: null, engagement: null, watermark: null };
      this.owned.set(id, models);
    }
    return models;
  }

  private async loadBandits(
    workspaceId: string,
    partition: number,
  ): Promise<Map<string, NbaModel>> {
    const stored = await this.registry.championsOfKind(workspaceId, 'bandit', partition);
    const bandits = new Map<string, NbaModel>();
    for (const document of stored) {
      if (!document.modelId.startsWith(NBA_MODEL_PREFIX)) continue;
      const actionSetId = document.modelId.slice(NBA_MODEL_PREFIX.length);
      const ref = { workspaceId, partition, actionSetId };
      bandits.set(actionSetId, NbaModel.fromDocument(ref, document, this.options.nbaWindowMs));
    }
    return bandits;
  }

  private async loadEngagement(workspaceId: string, partition: number): Promise<EngagementModel> {
    const [sendTime, bestChannel] = await this.engagementDocuments(workspaceId, partition);
    const ref = { workspaceId, partition };
    if (sendTime === undefined || bestChannel === undefined)
      return EngagementModel.create(ref, this.now());
    return EngagementModel.fromDocuments(ref, sendTime, bestChannel);
  }

  /** The partition's send-time and best-channel champions (undefined when not created yet). */
  private async engagementDocuments(
    workspaceId: string,
    partition: number,
  ): Promise<[ModelVersionDocument | undefined, ModelVersionDocument | undefined]> {
    const [sendTime, bestChannel] = await Promise.all([
      this.registry.current(workspaceId, SEND_TIME_MODEL_ID, partition),
      this.registry.current(workspaceId, BEST_CHANNEL_MODEL_ID, partition),
    ]);
    return [sendTime[0], bestChannel[0]];
  }

  /** A read-only copy from `replicas`, loaded again once older than the refresh interval. */
  private replica<Model>(
    replicas: Map<string, Replica<Model>>,
    id: string,
    load: () => Promise<Model | null>,
  ): Promise<Model | null> {
    const now = this.options.wallClock();
    const hit = replicas.get(id);
    if (hit !== undefined && now - hit.loadedAt <= this.options.replicaRefreshMs) return hit.model;
    const model = load();
    replicas.set(id, { model, loadedAt: now });
    // A failed load is not kept: the next read tries again (this caller still sees the error).
    void model.catch(() => replicas.delete(id));
    return model;
  }

  private now(): string {
    return new Date(this.options.wallClock()).toISOString();
  }
}

function key(workspaceId: string, partition: number): string {
  return `${workspaceId}|${partition}`;
}

/** The promise cached under `id`, made by `load` on first use and forgotten if it fails. */
function cached<Model>(
  cache: Map<string, Promise<Model>>,
  id: string,
  load: () => Promise<Model>,
): Promise<Model> {
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const loading = load();
  cache.set(id, loading);
  // A failed load is not kept: the next use tries again (this caller still sees the error).
  void loading.catch(() => cache.delete(id));
  return loading;
}

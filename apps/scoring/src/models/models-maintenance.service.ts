import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PartitionLock } from '../rfm';
import { ScoringSettingsService } from '../settings';
import { ModelStore } from './model-store';
import { ModelVersionsRepository } from './model-versions.repository';
import { MODELS_OPTIONS, type ModelsOptions } from './models-options';
import { ModelsService } from './models.service';

/** Profiles whose label windows one hold of a partition's lock releases. */
export const SWEEP_PAGE_SIZE = 200;

/**
 * The models' timers on the owned partitions: every MODELS_SWEEP_INTERVAL_MS, label windows
 * that closed (the workspace clock minus MODELS_LABEL_LATENESS_MS) are released as examples —
 * silence becomes a negative — and NBA decisions whose attribution window ended settle at 0;
 * every MODELS_CHECKPOINT_INTERVAL_MS, and once more on shutdown (after the consumers have
 * stopped, before the database closes), models with unsaved learning are checkpointed. Each
 * step holds the partition's lock, one page of profiles at a time.
 */
@Injectable()
export class ModelsMaintenance
  implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown
{
  private readonly logger = new Logger(ModelsMaintenance.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: ModelStore,
    private readonly models: ModelsService,
    private readonly registry: ModelVersionsRepository,
    private readonly settings: ScoringSettingsService,
    @Inject(PartitionLock) private readonly lock: PartitionLock,
    @Inject(MODELS_OPTIONS) private readonly options: ModelsOptions,
  ) {}

  /** Finds the workspaces with models on the owned partitions, then starts the timers. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.options.ownedPartitions.length > 0) {
      for (const { workspaceId, partition } of await this.registry.workspacesOn(
        this.options.ownedPartitions,
      )) {
        if (this.store.owns(partition)) this.store.remember(workspaceId, partition);
      }
    }
    if (this.options.sweepIntervalMs > 0)
      this.every(this.options.sweepIntervalMs, () => this.sweep());
    this.every(this.options.checkpointIntervalMs, () => this.checkpoint());
  }

  onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
    return this.running ?? Promise.resolve();
  }

  /** The last checkpoint: what was learned since the previous one is not lost on a restart. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.checkpoint();
  }

  /** Closes every due label and attribution window of the owned partitions now. */
  async sweep(): Promise<void> {
    for (const { workspaceId, partition } of this.store.knownPartitions()) {
      const now = await this.clockOf(workspaceId, partition);
      if (now !== null) await this.closeLabelWindows(workspaceId, partition, now);
      await this.lock.run(partition, async () => {
        const bandits = await this.store.banditsOf(workspaceId, partition);
        for (const bandit of bandits.values()) bandit.closeExpired(this.options.wallClock());
        await this.store.flush(workspaceId, partition);
      });
    }
  }

  /** Checkpoints every owned model with unsaved learning now. */
  async checkpoint(): Promise<void> {
    for (const { workspaceId, partition } of this.store.knownPartitions()) {
      if (!(await this.store.hasUnsaved(workspaceId, partition))) continue;
      await this.lock.run(partition, () => this.store.flush(workspaceId, partition, true));
    }
  }

  private async closeLabelWindows(workspaceId: string, partition: number, now: number) {
    const cutoff = now - this.options.labelLatenessMs;
    for (;;) {
      const changed = await this.lock.run(partition, () =>
        this.models.closeDueWindows(workspaceId, partition, cutoff, SWEEP_PAGE_SIZE),
      );
      if (changed < SWEEP_PAGE_SIZE) return;
    }
  }

  /** The workspace clock of a partition; null in replay mode before its first event. */
  private async clockOf(workspaceId: string, partition: number): Promise<number | null> {
    const { clock } = await this.settings.settingsOf(workspaceId);
    return clock === 'replay'
      ? this.store.watermark(workspaceId, partition)
      : this.options.wallClock();
  }

  /** Runs `task` every `intervalMs`, skipping a tick while the previous run is still going. */
  private every(intervalMs: number, task: () => Promise<void>): void {
    const timer = setInterval(() => {
      if (this.running !== null) return;
      this.running = task()
        .catch((error: unknown) => this.logger.error('a models timer task failed', error))
        .finally(() => {
          this.running = null;
        });
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }
}

import { randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { JetStreamPublisher, type OutgoingMessage } from '@meridian/messaging';
import { MetricsRegistry } from '@meridian/observability';
import { exactCutsOf, type CustomerFacts, type PopulationCuts } from '@meridian/rfm';
import { ScoringSettingsService } from '../settings';
import { PartitionLock } from './partition-lock';
import { membersOf, sketchesOfMembers } from './population';
import { evaluateRfm, hasChanges } from './rfm-evaluation';
import { rfmChangeMessages, sweepCause } from './rfm-messages';
import { RFM_OPTIONS, type RfmOptions } from './rfm-options';
import type { SweepCursor } from './rfm-partition';
import { RfmPartitionRepository } from './rfm-partition.repository';
import { RfmPopulationService } from './rfm-population.service';
import { afterSweep, evaluationInstant, type RfmProfileDocument } from './rfm-profile';
import { RfmProfileRepository } from './rfm-profile.repository';
import { advancedCursor, sweepProgressOf, type SweepProgress } from './sweep-progress';

/** A sweep cannot start: the workspace has no clock time yet (replay mode before any event). */
export class NothingToSweepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NothingToSweepError';
  }
}

/** Profiles read per query when a whole workspace or partition is read (exact cut points). */
const READ_PAGE_SIZE = 1_000;

/**
 * The recency sweep and exact recomputation: time moves customers without events (recency
 * grows, Zombies go dormant), so every profile of this instance's partitions is re-evaluated at
 * the workspace clock with EXACT cut points (the whole workspace's population, read once per
 * sweep), what changed is published (reason 'sweep'), and each partition's sketches are rebuilt
 * from its profiles, which removes any drift of the incremental path.
 *
 * A partition is walked in `_id` order, one page per hold of its lock; the cursor is saved
 * after each page, so a sweep stopped by a crash or a shutdown resumes where it was when the
 * instance starts again, with the same id and clock, and republishes the same ids.
 */
@Injectable()
export class RfmSweepService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RfmSweepService.name);
  /** Workspaces with a sweep running in this process, and those whose sweep is being begun. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly starting = new Set<string>();
  private readonly countProfiles: (outcome: 'walked' | 'changed', count: number) => void;
  /** Exact cut points per sweep id, computed once per sweep run in this process. */
  private readonly cuts = new Map<string, Promise<PopulationCuts>>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly profiles: RfmProfileRepository,
    private readonly partitions: RfmPartitionRepository,
    private readonly population: RfmPopulationService,
    private readonly settings: ScoringSettingsService,
    private readonly publisher: JetStreamPublisher,
    @Inject(PartitionLock) private readonly lock: PartitionLock,
    @Inject(RFM_OPTIONS) private readonly options: RfmOptions,
    metrics: MetricsRegistry,
  ) {
    const swept = metrics.counter({
      name: 'meridian_scoring_rfm_sweep_profiles_total',
      help: 'Profiles RFM sweeps re-evaluated (walked), and those whose RFM or segments changed',
      labelNames: ['outcome'],
    });
    this.countProfiles = (outcome, count) => swept.inc({ outcome }, count);
  }

  /** Resumes the unfinished sweeps of the owned partitions and starts the timer. */
  async onApplicationBootstrap(): Promise<void> {
    const owned = await this.partitions.listOwned(this.options.ownedPartitions);
    for (const { workspaceId } of owned) this.population.remember(workspaceId);
    const unfinished = new Set(
      owned.filter(({ sweep }) => sweep !== null && !sweep.done).map((entry) => entry.workspaceId),
    );
    for (const workspaceId of unfinished) {
      this.logger.log(`resuming the unfinished RFM sweep of workspace ${workspaceId}`);
      this.launch(workspaceId);
    }
    if (this.options.sweepIntervalMs > 0) {
      this.timer = setInterval(() => this.sweepKnownWorkspaces(), this.options.sweepIntervalMs);
      this.timer.unref();
    }
  }

  /** Stops after the page each running sweep is on; their cursors say where to resume. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await Promise.allSettled(this.running.values());
  }

  /** Starts a sweep of the workspace on the owned partitions (unless one runs already). */
  async start(workspaceId: string): Promise<SweepProgress> {
    if (!this.running.has(workspaceId) && !this.starting.has(workspaceId)) {
      this.starting.add(workspaceId);
      try {
        await this.begin(workspaceId);
        this.launch(workspaceId);
      } finally {
        this.starting.delete(workspaceId);
      }
    }
    return this.progress(workspaceId);
  }

  /**
   * Records a new sweep on every owned partition, at the workspace clock now, without running
   * it; `start` (or a restart) runs it. Answers the sweep id.
   */
  async begin(workspaceId: string): Promise<string> {
    const settings = await this.settings.settingsOf(workspaceId);
    const clock = await this.population.clockOf(workspaceId, settings.clock);
    if (clock.mode === 'replay' && clock.watermark === null)
      throw new NothingToSweepError(
        `workspace ${workspaceId} replays event time and has seen no event yet: its clock has no time to sweep at`,
      );
    const asOf = clock.now();
    const startedAt = this.options.wallClock();
    const cursor: SweepCursor = {
      id: `sweep-${startedAt.toString(36)}-${randomBytes(4).toString('hex')}`,
      asOf,
      startedAt,
      lastId: null,
      walked: 0,
      changed: 0,
      done: false,
      finishedAt: null,
    };
    await Promise.all(
      this.options.ownedPartitions.map((partition) =>
        this.lock.run(partition, async () => {
          await this.population.ensurePartition(workspaceId, partition);
          await this.partitions.saveCursor(workspaceId, partition, cursor);
        }),
      ),
    );
    this.population.remember(workspaceId);
    return cursor.id;
  }

  /**
   * Re-evaluates the next page of the partition's unfinished sweep and saves the cursor; when
   * the partition is walked, rebuilds its sketches and marks it done. True once done (or when
   * no sweep is unfinished there).
   */
  async runPage(workspaceId: string, partition: number): Promise<boolean> {
    const pending = await this.cursorOf(workspaceId, partition);
    if (pending === null || pending.done) return true;
    // The whole workspace is read outside the lock: events of the partition go on meanwhile.
    const cuts = await this.exactCuts(workspaceId, pending.id);
    return this.lock.run(partition, async () => {
      const cursor = await this.cursorOf(workspaceId, partition);
      if (cursor === null || cursor.done) return true;
      const pageSize = this.options.sweepPageSize;
      const page = await this.profiles.pageOfPartition(
        workspaceId,
        partition,
        cursor.lastId,
        pageSize,
      );
      const changed = await this.reevaluate(workspaceId, page, cursor, cuts);
      this.countProfiles('walked', page.length);
      this.countProfiles('changed', changed);
      const finished = page.length < pageSize;
      if (finished) await this.rebuildSketches(workspaceId, partition);
      const next = advancedCursor(
        cursor,
        { lastId: page.at(-1)?._id ?? null, walked: page.length, changed },
        finished ? this.options.wallClock() : null,
      );
      await this.partitions.saveCursor(workspaceId, partition, next);
      return finished;
    });
  }

  private async cursorOf(workspaceId: string, partition: number): Promise<SweepCursor | null> {
    return (await this.partitions.find(workspaceId, partition))?.sweep ?? null;
  }

  /** The latest sweep of the workspace on the owned partitions. */
  async progress(workspaceId: string): Promise<SweepProgress> {
    const documents = await this.partitions.findAll(workspaceId, this.options.ownedPartitions);
    return sweepProgressOf(workspaceId, documents, this.running.has(workspaceId));
  }

  /** Publishes and saves what changed on a page; answers how many profiles changed. */
  private async reevaluate(
    workspaceId: string,
    page: readonly RfmProfileDocument[],
    cursor: SweepCursor,
    cuts: PopulationCuts,
  ): Promise<number> {
    const settings = await this.settings.settingsOf(workspaceId);
    const messages: OutgoingMessage[] = [];
    const updated: RfmProfileDocument[] = [];
    for (const profile of page) {
      const asOf = evaluationInstant(profile, cursor.asOf);
      const evaluation = evaluateRfm(profile.facts, asOf, cuts, settings.rfm, profile);
      if (!hasChanges(evaluation)) continue;
      messages.push(
        ...rfmChangeMessages({
          cause: sweepCause(cursor, workspaceId, profile.profileId),
          profileId: profile.profileId,
          partition: profile.partition,
          asOf,
          reason: 'sweep',
          evaluation,
        }),
      );
      updated.push(afterSweep(profile, evaluation, asOf));
    }
    if (messages.length > 0) await this.publisher.publishMany(messages);
    for (const profile of updated) await this.profiles.save(profile);
    return updated.length;
  }

  /** The partition's sketches from its profiles as stored now (under the partition's lock). */
  private async rebuildSketches(workspaceId: string, partition: number): Promise<void> {
    const facts: CustomerFacts[] = [];
    for (let afterId: string | null = null; ;) {
      const page = await this.profiles.pageOfPartition(
        workspaceId,
        partition,
        afterId,
        READ_PAGE_SIZE,
      );
      facts.push(...page.map((profile) => profile.facts));
      const last = page.at(-1);
      if (last === undefined || page.length < READ_PAGE_SIZE) break;
      afterId = last._id;
    }
    await this.partitions.replaceSketches(
      workspaceId,
      partition,
      sketchesOfMembers(membersOf(facts)),
    );
    this.population.invalidate(workspaceId);
  }

  /** The exact cut points of the workspace's whole population, once per sweep in this process. */
  private exactCuts(workspaceId: string, sweepId: string): Promise<PopulationCuts> {
    const known = this.cuts.get(sweepId);
    if (known !== undefined) return known;
    const cuts = this.readExactCuts(workspaceId);
    this.cuts.set(sweepId, cuts);
    void cuts.catch(() => this.cuts.delete(sweepId));
    return cuts;
  }

  private async readExactCuts(workspaceId: string): Promise<PopulationCuts> {
    const facts: CustomerFacts[] = [];
    for (let afterId: string | null = null; ;) {
      const page = await this.profiles.pageOfWorkspace(workspaceId, afterId, READ_PAGE_SIZE);
      facts.push(...page.map((profile) => profile.facts));
      const last = page.at(-1);
      if (last === undefined || page.length < READ_PAGE_SIZE) break;
      afterId = last._id;
    }
    return exactCutsOf(membersOf(facts));
  }

  /** Runs the workspace's sweep on every owned partition in the background. */
  private launch(workspaceId: string): void {
    const run = this.runToEnd(workspaceId)
      .catch((error: unknown) =>
        this.logger.error(`the RFM sweep of workspace ${workspaceId} failed: ${String(error)}`),
      )
      .finally(() => this.running.delete(workspaceId));
    this.running.set(workspaceId, run);
  }

  private async runToEnd(workspaceId: string): Promise<void> {
    const sweepIds = new Set<string>();
    await Promise.all(
      this.options.ownedPartitions.map(async (partition) => {
        const cursor = await this.cursorOf(workspaceId, partition);
        if (cursor !== null) sweepIds.add(cursor.id);
        let done = false;
        while (!done && !this.stopping) done = await this.runPage(workspaceId, partition);
      }),
    );
    for (const id of sweepIds) this.cuts.delete(id);
  }

  private sweepKnownWorkspaces(): void {
    for (const workspaceId of this.population.knownWorkspaces()) {
      if (this.running.has(workspaceId) || this.stopping) continue;
      this.start(workspaceId).catch((error: unknown) =>
        this.logger.warn(`no RFM sweep of workspace ${workspaceId}: ${String(error)}`),
      );
    }
  }
}

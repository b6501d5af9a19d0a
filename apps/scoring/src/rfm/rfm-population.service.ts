import { Inject, Injectable } from '@nestjs/common';
import { RecentReads } from '@meridian/platform';
import {
  populationCutsOf,
  WorkspaceClock,
  type ClockMode,
  type PopulationCuts,
} from '@meridian/rfm';
import { mergedSketches } from './population';
import { RfmPartitionRepository } from './rfm-partition.repository';
import { RFM_OPTIONS, type RfmOptions } from './rfm-options';

/** A workspace's population as read from all its partitions' documents. */
export interface PopulationView {
  readonly cuts: PopulationCuts;
  /** The latest event time applied on any partition, epoch ms; null before the first. */
  readonly watermark: number | null;
}

/**
 * The workspace-wide state every partition's writer reads: the population's cut points (the
 * merge of every partition's sketches, read by `_id`) and the event-time watermark (their max),
 * cached for RFM_POPULATION_CACHE_MS; and, for the partitions this instance owns, the documents
 * it has ensured and the watermarks it has moved, so a replay clock includes the event at hand.
 */
@Injectable()
export class RfmPopulationService {
  private readonly views: RecentReads<PopulationView>;
  /** `workspace|partition` → the watermark of an owned partition whose document exists. */
  private readonly owned = new Map<string, { watermark: number | null }>();
  private readonly workspaces = new Set<string>();

  constructor(
    private readonly partitions: RfmPartitionRepository,
    @Inject(RFM_OPTIONS) private readonly options: RfmOptions,
  ) {
    this.views = new RecentReads(options.populationCacheMs, options.wallClock);
  }

  /** The workspace's cut points and watermark, at most RFM_POPULATION_CACHE_MS old. */
  async view(workspaceId: string): Promise<PopulationView> {
    return this.views.read(workspaceId, () => this.read(workspaceId));
  }

  /** Forgets the cached view (after a sweep rebuilt a partition's sketches). */
  invalidate(workspaceId: string): void {
    this.views.forget(workspaceId);
  }

  /**
   * The workspace clock: the wall clock, or in replay mode the latest event time applied in the
   * workspace (cached view, and this instance's own partitions as of now), including
   * `eventAt`, the time of the event being applied.
   */
  async clockOf(workspaceId: string, mode: ClockMode, eventAt?: number): Promise<WorkspaceClock> {
    if (mode === 'wall') return new WorkspaceClock('wall', this.options.wallClock);
    const { watermark } = await this.view(workspaceId);
    const clock = new WorkspaceClock('replay', this.options.wallClock, watermark);
    for (const [key, state] of this.owned) {
      if (state.watermark !== null && key.startsWith(`${workspaceId}|`))
        clock.observe(state.watermark);
    }
    if (eventAt !== undefined) clock.observe(eventAt);
    return clock;
  }

  /** Makes sure the owned partition's document exists (once per process). */
  async ensurePartition(workspaceId: string, partition: number): Promise<void> {
    const key = `${workspaceId}|${partition}`;
    if (this.owned.has(key)) return;
    const stored = await this.partitions.ensure(workspaceId, partition);
    this.owned.set(key, { watermark: stored.watermark });
    this.workspaces.add(workspaceId);
  }

  /** `at` when it would move the owned partition's watermark forward, else null. */
  movedWatermark(workspaceId: string, partition: number, at: number): number | null {
    const { watermark } = this.ownedState(workspaceId, partition);
    return watermark !== null && at <= watermark ? null : at;
  }

  /** Notes an event time stored on an owned partition: its watermark only moves forward. */
  observe(workspaceId: string, partition: number, at: number): void {
    const state = this.ownedState(workspaceId, partition);
    if (state.watermark === null || at > state.watermark) state.watermark = at;
  }

  /** Notes a workspace this instance scores (seen in an event or in a stored document). */
  remember(workspaceId: string): void {
    this.workspaces.add(workspaceId);
  }

  /** Workspaces this instance has scored since it started or found in its partitions. */
  knownWorkspaces(): string[] {
    return [...this.workspaces].sort();
  }

  private ownedState(workspaceId: string, partition: number): { watermark: number | null } {
    const state = this.owned.get(`${workspaceId}|${partition}`);
    if (state === undefined)
      throw new RangeError(`partition ${partition} of ${workspaceId} is not ensured`);
    return state;
  }

  private async read(workspaceId: string): Promise<PopulationView> {
    const all = Array.from({ length: this.options.partitions }, (_, partition) => partition);
    const documents = await this.partitions.findAll(workspaceId, all);
    const watermarks = documents
      .map((document) => document.watermark)
      .filter((watermark) => watermark !== null);
    return {
      cuts: populationCutsOf(mergedSketches(documents.map((document) => document.sketches))),
      watermark: watermarks.length === 0 ? null : Math.max(...watermarks),
    };
  }
}

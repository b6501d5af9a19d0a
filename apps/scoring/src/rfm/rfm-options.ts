import type { WallClock } from '@meridian/rfm';

export const RFM_OPTIONS = Symbol('meridian.scoring.rfm-options');

/** How RFM runs in this instance (from ScoringConfig; see config.ts). */
export interface RfmOptions {
  /** MERIDIAN_PARTITIONS: a workspace's population is the union of this many partitions. */
  readonly partitions: number;
  /** OWNED_PARTITIONS: the partitions this instance writes and sweeps. */
  readonly ownedPartitions: readonly number[];
  /** RFM_POPULATION_CACHE_MS: how long a workspace's merged cut points and watermark are used. */
  readonly populationCacheMs: number;
  /** RFM_SWEEP_INTERVAL_MS: time between sweeps of the known workspaces; 0 turns the timer off. */
  readonly sweepIntervalMs: number;
  /** RFM_SWEEP_PAGE_SIZE: profiles a sweep re-evaluates per page (one lock hold, one cursor save). */
  readonly sweepPageSize: number;
  readonly wallClock: WallClock;
}

import { EpochMs } from '@meridian/rfm';
import { z } from 'zod';
import { EMPTY_SKETCHES, StoredPopulationSketches } from './population';

const Count = z.number().int().min(0);

/**
 * Where a partition's sweep is: resumable after a crash from `lastId`, with the same `asOf` and
 * `id` (every republished event id derives from them).
 */
export const SweepCursor = z.object({
  id: z.string().min(1),
  /** The workspace clock the sweep evaluates at, epoch ms. */
  asOf: EpochMs,
  /** Wall-clock start, epoch ms. */
  startedAt: EpochMs,
  /** The last profile `_id` walked; null before the first page. */
  lastId: z.string().nullable(),
  walked: Count,
  /** Profiles whose RFM or segments changed (and were published). */
  changed: Count,
  done: z.boolean(),
  finishedAt: EpochMs.nullable(),
});
export type SweepCursor = z.infer<typeof SweepCursor>;

/**
 * One document per (workspace, partition) (`rfm_partitions`, `_id` = `workspace|partition`),
 * written only by the partition's owner under its lock: the partition's population sketches,
 * its event-time watermark, and its sweep cursor.
 */
export const RfmPartitionDocument = z.object({
  _id: z.string().min(1),
  workspaceId: z.string().min(1),
  partition: z.number().int().min(0),
  sketches: StoredPopulationSketches,
  /** Latest event time applied on this partition, epoch ms; null before the first. */
  watermark: EpochMs.nullable(),
  sweep: SweepCursor.nullable(),
});
export type RfmPartitionDocument = z.infer<typeof RfmPartitionDocument>;

export function rfmPartitionId(workspaceId: string, partition: number): string {
  return `${workspaceId}|${partition}`;
}

export function newRfmPartition(workspaceId: string, partition: number): RfmPartitionDocument {
  return {
    _id: rfmPartitionId(workspaceId, partition),
    workspaceId,
    partition,
    sketches: EMPTY_SKETCHES,
    watermark: null,
    sweep: null,
  };
}

import type { SweepCursor } from './rfm-partition';

/** One owned partition's part of a sweep. */
export interface PartitionSweepProgress {
  readonly partition: number;
  readonly sweepId: string;
  readonly walked: number;
  readonly changed: number;
  readonly done: boolean;
  readonly finishedAt: string | null;
}

/** A workspace's latest sweep on this instance's partitions, as GET /v1/rfm/sweep shows it. */
export interface SweepProgress {
  readonly workspaceId: string;
  /** The latest sweep's id; null when the workspace was never swept here. */
  readonly sweepId: string | null;
  /** The workspace clock it evaluates at. */
  readonly asOf: string | null;
  readonly startedAt: string | null;
  /** Whether this process is running it now. */
  readonly running: boolean;
  /** Every owned partition has finished it. */
  readonly done: boolean;
  readonly walked: number;
  readonly changed: number;
  readonly partitions: readonly PartitionSweepProgress[];
}

/** The progress of the latest sweep (by start) among the owned partitions' cursors. */
export function sweepProgressOf(
  workspaceId: string,
  cursors: readonly { readonly partition: number; readonly sweep: SweepCursor | null }[],
  running: boolean,
): SweepProgress {
  const latest = cursors
    .map((entry) => entry.sweep)
    .filter((sweep) => sweep !== null)
    .reduce<SweepCursor | null>(
      (found, sweep) => (found === null || sweep.startedAt > found.startedAt ? sweep : found),
      null,
    );
  const parts = cursors
    .flatMap(({ partition, sweep }) =>
      sweep !== null && sweep.id === latest?.id ? [{ partition, sweep }] : [],
    )
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, sweep }) => ({
      partition,
      sweepId: sweep.id,
      walked: sweep.walked,
      changed: sweep.changed,
      done: sweep.done,
      finishedAt: sweep.finishedAt === null ? null : new Date(sweep.finishedAt).toISOString(),
    }));
  return {
    workspaceId,
    sweepId: latest?.id ?? null,
    asOf: latest === null ? null : new Date(latest.asOf).toISOString(),
    startedAt: latest === null ? null : new Date(latest.startedAt).toISOString(),
    running,
    done: latest !== null && parts.every((part) => part.done),
    walked: parts.reduce((sum, part) => sum + part.walked, 0),
    changed: parts.reduce((sum, part) => sum + part.changed, 0),
    partitions: parts,
  };
}

/** A cursor one page further: after `lastId`, with the page's counts added. */
export function advancedCursor(
  cursor: SweepCursor,
  page: { readonly lastId: string | null; readonly walked: number; readonly changed: number },
  finishedAt: number | null,
): SweepCursor {
  return {
    ...cursor,
    lastId: page.lastId ?? cursor.lastId,
    walked: cursor.walked + page.walked,
    changed: cursor.changed + page.changed,
    done: finishedAt !== null,
    finishedAt,
  };
}

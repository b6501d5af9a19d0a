import { SuppressionSet } from './suppression-set';
import type { SuppressionDocument } from './suppressions.collection';

/** How old an instance's copy of a workspace's suppressions may be: a SUPPRESS takes effect within it. */
export const SUPPRESSION_REFRESH_MS = 1_000;

/** Where the index reads a workspace's suppressions. */
export interface SuppressionSource {
  all(workspaceId: string): Promise<readonly SuppressionDocument[]>;
}

interface Loaded {
  readonly set: SuppressionSet;
  /** When the read began: the copy is as new as its query, not as its answer. */
  readonly readAt: number;
}

interface Loading {
  readonly promise: Promise<SuppressionSet>;
  readonly generation: number;
}

/**
 * Each workspace's suppressions in memory, read again from the database when the copy is
 * `refreshMs` old, so every instance applies a new suppression within that time while a
 * busy workspace costs one query a second. A read is awaited (never served stale) and shared
 * by the calls that need it. `invalidate` (after this instance changed suppressions) makes
 * the next call read again and discards any read that began before it.
 */
export class SuppressionIndex {
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Loading>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly source: SuppressionSource,
    private readonly refreshMs = SUPPRESSION_REFRESH_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  async setFor(workspaceId: string): Promise<SuppressionSet> {
    const current = this.loaded.get(workspaceId);
    if (current !== undefined && this.clock() - current.readAt < this.refreshMs) return current.set;
    const generation = this.generationOf(workspaceId);
    const inFlight = this.loading.get(workspaceId);
    if (inFlight !== undefined && inFlight.generation === generation) return inFlight.promise;
    const promise = this.read(workspaceId, generation);
    this.loading.set(workspaceId, { promise, generation });
    return promise;
  }

  /** Forgets the workspace's copy; the next call reads it again. */
  invalidate(workspaceId: string): void {
    this.generations.set(workspaceId, this.generationOf(workspaceId) + 1);
    this.loaded.delete(workspaceId);
  }

  private async read(workspaceId: string, generation: number): Promise<SuppressionSet> {
    const readAt = this.clock();
    try {
      const documents = await this.source.all(workspaceId);
      const set = documents.length === 0 ? SuppressionSet.EMPTY : new SuppressionSet(documents);
      // A read that began before an invalidation may miss the change: answer with it, keep it not.
      if (this.generationOf(workspaceId) === generation)
        this.loaded.set(workspaceId, { set, readAt });
      return set;
    } finally {
      if (this.loading.get(workspaceId)?.generation === generation)
        this.loading.delete(workspaceId);
    }
  }

  private generationOf(workspaceId: string): number {
    return this.generations.get(workspaceId) ?? 0;
  }
}

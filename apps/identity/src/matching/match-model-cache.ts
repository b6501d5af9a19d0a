import { WeightTable } from '@meridian/record-linkage';
import { linkageModelOf, type LoadedModel, type MatchModel } from './match-model';

/** A workspace's model is read again at most this often (a fit elsewhere shows within it). */
export const MODEL_CACHE_MS = 60_000;
/** Workspaces whose model is kept; the least recently loaded is dropped first. */
export const MAX_CACHED_MODELS = 10_000;

interface Entry {
  readonly loadedAt: number;
  readonly model: Promise<LoadedModel | null>;
}

/**
 * The workspaces' models as the matcher uses them, each loaded once per MODEL_CACHE_MS (the
 * absence of a model too) and dropped at once after a fit or a threshold change on this
 * instance. A failed load is not remembered: the next call loads again.
 */
export class MatchModelCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly load: (workspaceId: string) => Promise<MatchModel | null>,
    private readonly warn: (message: string) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  modelOf(workspaceId: string): Promise<LoadedModel | null> {
    const now = this.clock();
    const cached = this.entries.get(workspaceId);
    if (cached !== undefined && now - cached.loadedAt < MODEL_CACHE_MS) return cached.model;
    const model = this.loaded(workspaceId);
    this.entries.delete(workspaceId);
    this.entries.set(workspaceId, { loadedAt: now, model });
    this.evictOldest();
    model.catch(() => {
      // The caller gets the error from the promise; only the cache entry is dropped here.
      if (this.entries.get(workspaceId)?.model === model) this.entries.delete(workspaceId);
    });
    return model;
  }

  /** Drops the workspace's model: the next match loads it again. */
  forget(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }

  private async loaded(workspaceId: string): Promise<LoadedModel | null> {
    const stored = await this.load(workspaceId);
    if (stored === null) return null;
    const linkage = linkageModelOf(stored);
    if ('unusable' in linkage) {
      this.warn(`workspace ${workspaceId}: match model not used: ${linkage.unusable}`);
      return null;
    }
    return { table: new WeightTable(linkage), thresholds: stored.thresholds };
  }

  private evictOldest(): void {
    while (this.entries.size > MAX_CACHED_MODELS) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) return;
      this.entries.delete(oldest.value);
    }
  }
}

import { ExpiringLru, type Clock, type ExpiringLruOptions } from './expiring-lru';

export interface ReadThroughCacheOptions extends ExpiringLruOptions {
  /**
   * Age from which a read still answers the cached value but refreshes it from the store in
   * the background, so a value read often never expires under its readers; half the max age
   * by default.
   */
  readonly refreshAfterMs?: number;
  /** A background refresh failed; the cached value stays until its max age. */
  readonly onRefreshError: (error: unknown) => void;
}

interface Cached<Value> {
  readonly workspaceId: string;
  readonly value: Value;
  readonly storedAt: number;
  /** How the value was read, to read it again without a reader (refreshRecentlyRead). */
  readonly load: () => Promise<Value | null>;
  /** When a caller last read the entry; refreshes do not count. */
  lastReadAt: number;
}

/** A read from the store in flight; `current` turns false when its key is invalidated. */
interface Load<Value> {
  readonly workspaceId: string;
  readonly promise: Promise<Value | null>;
  current: boolean;
}

/**
 * Values read from the store by (workspace, id), kept in an ExpiringLru and dropped when told
 * they changed. Concurrent misses of one key share one read. A read that was in flight when
 * its key was invalidated is answered but not kept, and later reads do not join it: a value
 * read before a change was announced is never served after the announcement. No value is
 * served older than the max age; past `refreshAfterMs` it is re-read in the background.
 * While suspended (announcements may be missed) every read goes to the store and nothing is
 * kept. Absent values (null) are never kept, and a re-read that finds none drops the entry.
 */
export class ReadThroughCache<Value> {
  private readonly entries: ExpiringLru<Cached<Value>>;
  private readonly loads = new Map<string, Load<Value>>();
  private readonly clock: Clock;
  private readonly refreshAfterMs: number;
  private readonly onRefreshError: (error: unknown) => void;
  private suspended = false;

  constructor(options: ReadThroughCacheOptions) {
    this.entries = new ExpiringLru(options);
    this.clock = options.clock ?? (() => performance.now());
    this.refreshAfterMs = options.refreshAfterMs ?? options.maxAgeMs / 2;
    this.onRefreshError = options.onRefreshError;
  }

  get size(): number {
    return this.entries.size;
  }

  read(workspaceId: string, id: string, load: () => Promise<Value | null>): Promise<Value | null> {
    if (this.suspended) return load();
    const key = cacheKey(workspaceId, id);
    const pending = this.loads.get(key);
    const cached = this.entries.get(key);
    const now = this.clock();
    if (cached !== undefined) {
      cached.lastReadAt = now;
      if (pending === undefined && now - cached.storedAt >= this.refreshAfterMs)
        this.refresh(key, { ...cached, load });
      return Promise.resolve(cached.value);
    }
    if (pending !== undefined) return pending.promise;
    return this.loadAndKeep(key, workspaceId, load, now);
  }

  /**
   * Re-reads in the background every entry past `refreshAfterMs` that a caller read within
   * the last `withinMs`, so a value in use stays fresh through pauses between its reads
   * (shorter than `withinMs`) instead of expiring and making the next caller wait for the
   * store. Called on a timer by an owner whose values are few and read in bursts.
   */
  refreshRecentlyRead(withinMs: number): void {
    if (this.suspended) return;
    const now = this.clock();
    for (const [key, cached] of this.entries.unexpired()) {
      if (now - cached.lastReadAt > withinMs || now - cached.storedAt < this.refreshAfterMs)
        continue;
      if (!this.loads.has(key)) this.refresh(key, cached);
    }
  }

  invalidate(workspaceId: string, id: string): void {
    const key = cacheKey(workspaceId, id);
    this.entries.delete(key);
    const pending = this.loads.get(key);
    if (pending === undefined) return;
    pending.current = false;
    this.loads.delete(key);
  }

  invalidateWorkspace(workspaceId: string): void {
    this.entries.deleteWhere((cached) => cached.workspaceId === workspaceId);
    this.forgetLoads((load) => load.workspaceId === workspaceId);
  }

  /**
   * Drops a workspace's entries whose value matches, and forgets its reads in flight, which
   * may have read what just changed (they are answered but not kept).
   */
  invalidateWhere(workspaceId: string, matches: (value: Value) => boolean): void {
    this.entries.deleteWhere(
      (cached) => cached.workspaceId === workspaceId && matches(cached.value),
    );
    this.forgetLoads((load) => load.workspaceId === workspaceId);
  }

  invalidateAll(): void {
    this.entries.clear();
    this.forgetLoads(() => true);
  }

  /** Until resume(): nothing is served from or kept in the cache. */
  suspend(): void {
    this.suspended = true;
    this.invalidateAll();
  }

  /** Caches again, from empty: whatever changed while suspended is read afresh. */
  resume(): void {
    this.invalidateAll();
    this.suspended = false;
  }

  private refresh(key: string, cached: Cached<Value>): void {
    this.loadAndKeep(key, cached.workspaceId, cached.load, cached.lastReadAt).catch(
      this.onRefreshError,
    );
  }

  private async loadAndKeep(
    key: string,
    workspaceId: string,
    load: () => Promise<Value | null>,
    lastReadAt: number,
  ): Promise<Value | null> {
    const storedAt = this.clock();
    const record: Load<Value> = { workspaceId, promise: load(), current: true };
    this.loads.set(key, record);
    try {
      const value = await record.promise;
      if (!record.current || this.suspended) return value;
      if (value === null) this.entries.delete(key);
      // Aged from when the read began: the store may have changed since.
      else this.entries.set(key, { workspaceId, value, storedAt, load, lastReadAt }, storedAt);
      return value;
    } finally {
      if (this.loads.get(key) === record) this.loads.delete(key);
    }
  }

  private forgetLoads(matches: (load: Load<Value>) => boolean): void {
    for (const [key, load] of this.loads) {
      if (!matches(load)) continue;
      load.current = false;
      this.loads.delete(key);
    }
  }
}

/** One key per (workspace, id), unambiguous whatever characters either holds. */
function cacheKey(workspaceId: string, id: string): string {
  return `${workspaceId.length}:${workspaceId}${id}`;
}

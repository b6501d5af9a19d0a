/** Milliseconds on a monotonic clock; injectable so specs can move time. */
export type Clock = () => number;

export interface ExpiringLruOptions {
  /** Entries kept at most; the least recently read goes first. 0 keeps none. */
  readonly maxEntries: number;
  /** How long an entry is served after it was stored; 0 serves none. */
  readonly maxAgeMs: number;
  readonly clock?: Clock;
}

interface Entry<Value> {
  readonly value: Value;
  readonly expiresAt: number;
}

/**
 * A map bounded by count, evicting the least recently used entry, whose entries also expire
 * a fixed time after they were stored (reading does not extend it). A Map keeps insertion
 * order, so moving an entry to the end on every read makes the first key the eviction victim.
 * Reading the entry already at the end moves nothing: a hot key read a thousand times a
 * second would otherwise delete and re-add itself each time, and every few of those makes
 * V8 rebuild the Map's table, garbage that outlives young-generation collections (the Map is
 * old) and lengthens their pauses.
 */
export class ExpiringLru<Value> {
  private readonly entries = new Map<string, Entry<Value>>();
  /** The key at the end of `entries` (the most recently used), when known. */
  private newestKey: string | undefined;
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly clock: Clock;

  constructor(options: ExpiringLruOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 0)
      throw new RangeError(`maxEntries must be a whole number ≥ 0, got ${options.maxEntries}`);
    if (!(options.maxAgeMs >= 0))
      throw new RangeError(`maxAgeMs must be ≥ 0, got ${options.maxAgeMs}`);
    this.maxEntries = options.maxEntries;
    this.maxAgeMs = options.maxAgeMs;
    this.clock = options.clock ?? (() => performance.now());
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, or undefined when absent or expired (an expired entry is dropped). */
  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.clock()) {
      this.delete(key);
      return undefined;
    }
    this.moveToEnd(key, entry);
    return entry.value;
  }

  /** Stores the value, to expire max age after `storedAt` (now by default). */
  set(key: string, value: Value, storedAt: number = this.clock()): void {
    if (this.maxEntries === 0 || this.maxAgeMs === 0) {
      this.delete(key);
      return;
    }
    this.moveToEnd(key, { value, expiresAt: storedAt + this.maxAgeMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
    if (key === this.newestKey) this.newestKey = undefined;
  }

  /** The entries not yet expired, least recently read first; reading them moves nothing. */
  *unexpired(): Generator<readonly [string, Value]> {
    const now = this.clock();
    for (const [key, entry] of this.entries) if (entry.expiresAt > now) yield [key, entry.value];
  }

  /** Drops every entry whose value matches. */
  deleteWhere(matches: (value: Value) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.newestKey = undefined;
  }

  private moveToEnd(key: string, entry: Entry<Value>): void {
    // Map.set keeps an existing key where it is: move it by deleting it first, unless it is at
    // the end already (see the class comment for why a hot key must not be deleted and re-added).
    if (key !== this.newestKey) this.entries.delete(key);
    this.entries.set(key, entry);
    this.newestKey = key;
  }
}

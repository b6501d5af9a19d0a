/** Milliseconds since the epoch; injectable so specs can move time. */
export type Clock = () => number;

interface Entry<Value> {
  readonly value: Value;
  readonly expiresAt: number;
}

/**
 * A small in-process cache whose entries live at most `ttlMs`. Bounded in size so a caller
 * spraying random keys cannot grow it without limit: when full, the oldest entry goes.
 */
export class ExpiringCache<Value> {
  private readonly entries = new Map<string, Entry<Value>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly clock: Clock = Date.now,
  ) {}

  /** The cached value, or undefined when absent or expired. */
  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: Value): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.clock() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

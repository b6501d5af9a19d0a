/**
 * Reads of a slowly changing value per key (a workspace's settings, a population's cut points)
 * kept for `maxAgeMs` after they began, so a busy consumer reads the store once a while rather
 * than once an event. Callers arriving while a read is in flight share it. A failed read is
 * not kept: the next call reads again. `forget` drops a key at once (after this instance wrote
 * it); other instances see a change within the max age.
 */
export class RecentReads<Value> {
  private readonly reads = new Map<
    string,
    { readonly value: Promise<Value>; readonly at: number }
  >();

  constructor(
    private readonly maxAgeMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async read(key: string, load: () => Promise<Value>): Promise<Value> {
    const now = this.clock();
    const hit = this.reads.get(key);
    if (hit !== undefined && now - hit.at < this.maxAgeMs) return hit.value;
    const value = load();
    const entry = { value, at: now };
    this.reads.set(key, entry);
    try {
      return await value;
    } catch (error) {
      // Only this read's entry: a newer read of the key may have replaced it meanwhile.
      if (this.reads.get(key) === entry) this.reads.delete(key);
      throw error;
    }
  }

  forget(key: string): void {
    this.reads.delete(key);
  }
}

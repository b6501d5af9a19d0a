/**
 * One serial queue per partition, for every write to a partition's documents in this process:
 * the scoring-events and scoring-messages handlers (already serialised by the transport's lanes)
 * and the sweep, which runs beside them. FerretDB gives no atomic compare-and-set under
 * concurrent updates, so this is what keeps one writer per profile and per partition document.
 */
export class PartitionLock {
  private readonly tails = new Map<number, Promise<void>>();

  /** Runs `task` once every task queued earlier on the partition has settled. */
  run<T>(partition: number, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(partition) ?? Promise.resolve();
    const current = previous.then(task);
    // The queue goes on whether this task succeeds or fails; its caller still sees the outcome.
    const tail = current.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(partition, tail);
    void tail.then(() => {
      if (this.tails.get(partition) === tail) this.tails.delete(partition);
    });
    return current;
  }

  /** Partitions with work queued or running; for specs and diagnostics. */
  busyPartitions(): number[] {
    return [...this.tails.keys()];
  }
}

/**
 * One serial lane per partition, shared by every partitioned consumer of a service. Identity
 * reads both INGEST and MESSAGES for partition k; both write the same profiles, so their
 * handlers must never overlap. FerretDB gives no atomic compare-and-set on one document under
 * concurrent updates, so serialising here is what makes "single writer per profile" true.
 */
export class PartitionLanes {
  private readonly tails = new Map<number, Promise<void>>();

  /** Runs `task` after every task queued earlier on the same partition has settled. */
  run<T>(partition: number, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(partition) ?? Promise.resolve();
    const current = previous.then(task);
    // The lane continues whether this task succeeds or fails; its caller still sees the outcome.
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

  /** Partitions with work queued or running; for tests and diagnostics. */
  busyPartitions(): number[] {
    return [...this.tails.keys()];
  }
}

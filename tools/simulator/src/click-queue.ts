/** A click the world will send back at `at` for decision `decisionId`. */
export interface ScheduledClick {
  readonly at: number;
  readonly decisionId: string;
}

/** Clicks in the order they happen (a binary min-heap on time). */
export class ClickQueue {
  private readonly heap: ScheduledClick[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(click: ScheduledClick): void {
    const heap = this.heap;
    heap.push(click);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent];
      if (above === undefined || above.at <= click.at) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = click;
  }

  /** Removes and returns the earliest click if it happens at or before `now`. */
  popDue(now: number): ScheduledClick | undefined {
    const first = this.heap[0];
    if (first === undefined || first.at > now) return undefined;
    const last = this.heap.pop();
    if (last !== undefined && this.heap.length > 0) this.siftDown(last);
    return first;
  }

  private siftDown(entry: ScheduledClick): void {
    const heap = this.heap;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      let smallest = left;
      const right = heap[left + 1];
      const leftEntry = heap[left];
      if (leftEntry === undefined) break;
      if (right !== undefined && right.at < leftEntry.at) smallest = left + 1;
      const child = heap[smallest];
      if (child === undefined || child.at >= entry.at) break;
      heap[i] = child;
      i = smallest;
    }
    heap[i] = entry;
  }
}

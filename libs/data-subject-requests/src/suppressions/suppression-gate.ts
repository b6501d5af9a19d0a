import type { SegmentCall } from '@meridian/contracts';
import type { DroppedEventCounter } from './dropped-event-counter';
import type { SuppressionIndex } from './suppression-index';

export interface SuppressionOutcome<T> {
  /** The items whose call names nobody suppressed, in their order. */
  readonly kept: T[];
  /** How many were dropped; each is counted on its suppression. */
  readonly dropped: number;
}

/**
 * Ingestion's check: which calls belong to a suppressed person. Their drops are counted on
 * the suppression they fell under; what to answer the client is the caller's business.
 */
export class SuppressionGate {
  constructor(
    private readonly index: SuppressionIndex,
    private readonly counter: DroppedEventCounter,
  ) {}

  async filter<T>(
    workspaceId: string,
    items: readonly T[],
    callOf: (item: T) => SegmentCall,
  ): Promise<SuppressionOutcome<T>> {
    if (items.length === 0) return { kept: [], dropped: 0 };
    const suppressions = await this.index.setFor(workspaceId);
    if (suppressions.size === 0) return { kept: [...items], dropped: 0 };
    const kept: T[] = [];
    for (const item of items) {
      const suppression = suppressions.match(callOf(item));
      if (suppression === undefined) kept.push(item);
      else this.counter.count(workspaceId, suppression);
    }
    return { kept, dropped: items.length - kept.length };
  }
}

import { Injectable } from '@nestjs/common';
import type { SegmentCall } from '@meridian/contracts';
import { SuppressionGate } from '@meridian/data-subject-requests';
import { SuppressionMetrics } from './suppression.metrics';

/**
 * What the ingest path asks before publishing: which calls to keep. The others belong to
 * suppressed people; they are answered as accepted (an SDK must not retry them) but go
 * nowhere, and are counted. Throws when the suppressions cannot be read: a call is never
 * published unchecked.
 */
export abstract class SuppressionFilter {
  abstract keep<T>(
    workspaceId: string,
    items: readonly T[],
    callOf: (item: T) => SegmentCall,
  ): Promise<T[]>;
}

/** The filter over the data-subject requests' SuppressionGate, counting into Prometheus. */
@Injectable()
export class GateSuppressionFilter extends SuppressionFilter {
  constructor(
    private readonly gate: SuppressionGate,
    private readonly metrics: SuppressionMetrics,
  ) {
    super();
  }

  async keep<T>(
    workspaceId: string,
    items: readonly T[],
    callOf: (item: T) => SegmentCall,
  ): Promise<T[]> {
    const { kept, dropped } = await this.gate.filter(workspaceId, items, callOf);
    this.metrics.countSuppressed(dropped);
    return kept;
  }
}

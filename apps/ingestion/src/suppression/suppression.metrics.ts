import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@meridian/observability';

/** What the suppression check counts. */
@Injectable()
export class SuppressionMetrics {
  private readonly suppressed: (count: number) => void;

  constructor(registry: MetricsRegistry) {
    const suppressed = registry.counter({
      name: 'meridian_ingest_suppressed_total',
      help: 'Calls of suppressed people (data-subject requests): answered as accepted, not published',
    });
    this.suppressed = (count) => suppressed.inc(count);
  }

  countSuppressed(count: number): void {
    if (count > 0) this.suppressed(count);
  }
}

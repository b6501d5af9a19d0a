import { Controller } from '@nestjs/common';
import { consumers, EventsResolvedV1 } from '@meridian/contracts';
import { JetStreamHandler } from '@meridian/messaging';
import { MetricsRegistry } from '@meridian/observability';
import { FeaturesService, type RecordOutcome } from './features.service';

/**
 * Resolved events of this instance's partitions, one at a time per partition (single writer
 * per profile). A thrown error (e.g. a revision conflict) naks the message for a retry.
 */
@Controller()
export class ScoringEventsHandler {
  private readonly count: (outcome: RecordOutcome) => void;

  constructor(
    private readonly features: FeaturesService,
    metrics: MetricsRegistry,
  ) {
    const events = metrics.counter({
      name: 'meridian_scoring_events_total',
      help: 'Resolved events handled by scoring, by outcome (applied or duplicate redelivery)',
      labelNames: ['outcome'],
    });
    this.count = (outcome) => events.inc({ outcome });
  }

  @JetStreamHandler(consumers.scoringEvents, EventsResolvedV1)
  async onEventsResolved(event: EventsResolvedV1): Promise<void> {
    this.count(await this.features.record(event));
  }
}

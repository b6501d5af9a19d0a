import { Controller } from '@nestjs/common';
import { consumers, EventsResolvedV1 } from '@meridian/contracts';
import { JetStreamHandler, type JetStreamContext } from '@meridian/messaging';
import { MetricsRegistry } from '@meridian/observability';
import { ModelsService } from '../models';
import { RfmService, type RfmOutcome } from '../rfm';

/**
 * Resolved events of this instance's partitions, one at a time per partition (single writer
 * per profile), handed to every scoring feature in turn: RFM, then the models. A feature is
 * added with one line in `onEventsResolved`. A thrown error (e.g. a revision
 * conflict) naks the message for a retry; every feature is idempotent per event id.
 */
@Controller()
export class ScoringEventsHandler {
  private readonly count: (outcome: RfmOutcome) => void;

  constructor(
    private readonly rfm: RfmService,
    private readonly models: ModelsService,
    metrics: MetricsRegistry,
  ) {
    const events = metrics.counter({
      name: 'meridian_scoring_events_total',
      help: 'Resolved events handled by scoring, by what RFM made of them (applied, unchanged, duplicate, ignored, invalid, erased)',
      labelNames: ['outcome'],
    });
    this.count = (outcome) => events.inc({ outcome });
  }

  @JetStreamHandler(consumers.scoringEvents, EventsResolvedV1)
  async onEventsResolved(event: EventsResolvedV1, context: JetStreamContext): Promise<void> {
    this.count(await this.rfm.onResolvedEvent(event, context.partition));
    await this.models.handleResolvedEvent(event);
  }
}

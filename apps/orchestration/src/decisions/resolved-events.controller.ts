import { Controller } from '@nestjs/common';
import { consumers, EventsResolvedV1 } from '@meridian/contracts';
import { JetStreamHandler } from '@meridian/messaging';
import { JourneyRunner } from './journey-runner.service';

/**
 * Resolved events, one partition consumer each: a profile's events arrive in order and only
 * one handler at a time decides for it.
 */
@Controller()
export class ResolvedEventsController {
  constructor(private readonly runner: JourneyRunner) {}

  @JetStreamHandler(consumers.orchestrationEvents, EventsResolvedV1)
  async onResolved(event: EventsResolvedV1): Promise<void> {
    await this.runner.handleResolved(event);
  }
}

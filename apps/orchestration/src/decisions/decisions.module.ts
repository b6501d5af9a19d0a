import { Module } from '@nestjs/common';
import { JourneyStateModule } from '../journey-state';
import { Clock } from './clock';
import { JourneyRunner } from './journey-runner.service';
import { ResolvedEventsController } from './resolved-events.controller';

/** Consumes resolved events and publishes the journeys' decisions and message requests. */
@Module({
  imports: [JourneyStateModule],
  controllers: [ResolvedEventsController],
  providers: [JourneyRunner, Clock],
})
export class DecisionsModule {}

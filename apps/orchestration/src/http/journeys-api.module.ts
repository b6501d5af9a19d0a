import { Module } from '@nestjs/common';
import { JourneyStateModule } from '../journey-state';
import { JourneysController } from './journeys.controller';

/** GET /v1/journeys and a profile's state in a journey. */
@Module({ imports: [JourneyStateModule], controllers: [JourneysController] })
export class JourneysApiModule {}

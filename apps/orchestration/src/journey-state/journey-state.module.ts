import { Module } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { journeyStateCollections } from './journey-state.collections';
import { JourneyStateRepository } from './journey-state.repository';

const journeyStateStore = PersistenceModule.forFeature({
  collections: journeyStateCollections,
  repositories: [JourneyStateRepository],
});

/** The journey_states collection (ensured at start-up) and its repository. */
@Module({ imports: [journeyStateStore], exports: [journeyStateStore] })
export class JourneyStateModule {}

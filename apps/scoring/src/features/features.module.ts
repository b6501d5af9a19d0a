import { Module } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { FeaturesController } from './features.controller';
import { FeaturesService } from './features.service';
import { scoringCollections } from './profile-features.collection';
import { ProfileFeaturesRepository } from './profile-features.repository';
import { ScoringEventsHandler } from './scoring-events.handler';
import { ScoringMessagesHandler } from './scoring-messages.handler';

/**
 * The per-profile features (event count, latest event) and the scoring event handlers, which
 * hand every event to each feature (RfmService comes from the global RfmModule).
 */
@Module({
  imports: [
    PersistenceModule.forFeature({
      collections: scoringCollections,
      repositories: [ProfileFeaturesRepository],
    }),
  ],
  controllers: [FeaturesController, ScoringEventsHandler, ScoringMessagesHandler],
  providers: [FeaturesService],
})
export class FeaturesModule {}

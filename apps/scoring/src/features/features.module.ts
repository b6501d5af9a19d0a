import { Module } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { FeaturesController } from './features.controller';
import { FeaturesService } from './features.service';
import { scoringCollections } from './profile-features.collection';
import { ProfileFeaturesRepository } from './profile-features.repository';
import { ScoringEventsHandler } from './scoring-events.handler';

@Module({
  imports: [
    PersistenceModule.forFeature({
      collections: scoringCollections,
      repositories: [ProfileFeaturesRepository],
    }),
  ],
  controllers: [FeaturesController, ScoringEventsHandler],
  providers: [FeaturesService],
})
export class FeaturesModule {}

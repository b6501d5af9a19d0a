import { ApiRefusalFilter } from '@meridian/platform';
import { Logger, Module } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { WorkspacesModule } from '@meridian/workspaces';
import { ProbableMatches, ProfileStoreModule } from '../profiles';
import { MatchCandidateRepository } from './match-candidate.repository';
import { MatchModelCache } from './match-model-cache';
import { MatchModelController } from './match-model.controller';
import { MatchModelRepository } from './match-model.repository';
import { MatchModelService } from './match-model.service';
import { MatchReviewRepository } from './match-review.repository';
import { MatchReviewService } from './match-review.service';
import { MatchReviewsController } from './match-reviews.controller';
import { MatchingApiAccess } from './matching-api-access';
import { matchingCollections } from './matching.collections';
import { ProbabilisticMatcher } from './probabilistic-matcher';
import { ProbableMatchResolver } from './probable-match-resolver';

/**
 * Probabilistic matching of calls that carry PII but no known identifier: the workspaces'
 * Fellegi–Sunter models (fitted by EM from their own profiles), the matcher resolution asks,
 * the review queue for the pairs in between, and their HTTP API. Imports only the profile
 * store, so ProfilesModule can import this module.
 */
@Module({
  imports: [
    ProfileStoreModule,
    // Admin keys authenticate API callers; WorkspacesModule provides AdminKeyService.
    WorkspacesModule.register(),
    PersistenceModule.forFeature({
      collections: matchingCollections,
      repositories: [MatchCandidateRepository, MatchModelRepository, MatchReviewRepository],
    }),
  ],
  controllers: [MatchModelController, MatchReviewsController],
  providers: [
    {
      provide: MatchModelCache,
      useFactory: (models: MatchModelRepository) => {
        const logger = new Logger(MatchModelCache.name);
        return new MatchModelCache(
          (workspaceId) => models.find(workspaceId),
          (message) => logger.warn(message),
        );
      },
      inject: [MatchModelRepository],
    },
    MatchModelService,
    MatchReviewService,
    ProbabilisticMatcher,
    ProbableMatchResolver,
    { provide: ProbableMatches, useExisting: ProbableMatchResolver },
    MatchingApiAccess,
    ApiRefusalFilter,
  ],
  exports: [ProbabilisticMatcher, ProbableMatches, MatchReviewService, MatchModelService],
})
export class MatchingModule {}

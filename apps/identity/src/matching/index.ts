export { DEFAULT_FIT_OPTIONS, fitMatchModel, type FitOptions } from './fit-model';
export { MatchCandidateRepository, type MatchCandidate } from './match-candidate.repository';
export { MODEL_CACHE_MS } from './match-model-cache';
export { MatchModelService, FIT_PROFILES, type FitRequest } from './match-model.service';
export {
  DEFAULT_MATCH_THRESHOLDS,
  MatchModel,
  MatchThresholds,
  type MatchModelView,
} from './match-model';
export { MatchReviewService, type QueuedReview, type ReviewPage } from './match-review.service';
export { MatchReview, reviewIdOf, ReviewStatus } from './match-review';
export { MatchingError, type MatchingErrorCode } from './matching-errors';
export { matchingCollections, profileMatchKeysIndex } from './matching.collections';
export { mergeRequestOf } from './merge-request';
export { MatchingModule } from './matching.module';
export {
  CANDIDATE_LIMIT,
  ProbabilisticMatcher,
  type CandidateMatch,
  type NoCandidate,
  type ProbabilisticMatch,
} from './probabilistic-matcher';
export type { ScoredPair } from './score-candidates';

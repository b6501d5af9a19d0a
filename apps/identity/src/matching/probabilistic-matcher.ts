import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@meridian/contracts';
import { blockingKeys, type Decision } from '@meridian/record-linkage';
import { candidateOf, type CandidateProfile, type Profile } from '../profiles';
import { MatchCandidateRepository } from './match-candidate.repository';
import { MatchModelCache } from './match-model-cache';
import { hasPersonData, preparedPersonOf } from '../profiles';
import { bestCandidate, keyTiers, type ScoredPair } from './score-candidates';

/** Candidate profiles compared per call at most. */
export const CANDIDATE_LIMIT = 100;

/** The best-scoring candidate profile and what the workspace's thresholds make of it. */
export interface CandidateMatch extends ScoredPair {
  /** merge: at or above the upper threshold; review: between the two; distinct: below. */
  readonly decision: Decision;
  readonly profileId: string;
  /** The candidate as merge planning reads it: partition, identifiers, creation, separations. */
  readonly profile: CandidateProfile;
  readonly candidatesCompared: number;
}

/** No live profile shares a blocking key with the traits. */
export interface NoCandidate {
  readonly decision: 'distinct';
  readonly profileId: null;
  readonly profile: null;
  readonly weight: null;
  readonly matchProbability: null;
  readonly explanation: readonly [];
  readonly candidatesCompared: 0;
}

export type ProbabilisticMatch = CandidateMatch | NoCandidate;

const NO_CANDIDATE: NoCandidate = {
  decision: 'distinct',
  profileId: null,
  profile: null,
  weight: null,
  matchProbability: null,
  explanation: [],
  candidatesCompared: 0,
};

/**
 * Scores a call's PII against the workspace's live profiles with its fitted Fellegi–Sunter
 * model: candidates are the profiles sharing a blocking key (`matchKeys`), selective keys
 * first, at most CANDIDATE_LIMIT; the best one is decided by the workspace's thresholds.
 * Read-only: what to do with the decision is the caller's (resolution merges, or queues a
 * review with MatchReviewService.queueReview).
 */
@Injectable()
export class ProbabilisticMatcher {
  constructor(
    private readonly models: MatchModelCache,
    private readonly profiles: MatchCandidateRepository,
  ) {}

  /**
   * null when the traits hold no PII or the workspace has no (usable) model; else the best
   * candidate other than `excludeProfileIds` (the call's own profile, profiles separated from
   * it or rejected with it), or NoCandidate.
   */
  async match(
    workspaceId: string,
    traits: JsonObject,
    excludeProfileIds: readonly string[] = [],
  ): Promise<ProbabilisticMatch | null> {
    const person = preparedPersonOf(traits);
    if (!hasPersonData(person)) return null;
    const model = await this.models.modelOf(workspaceId);
    if (model === null) return null;
    const candidates = await this.candidatesOf(
      workspaceId,
      blockingKeys(person),
      excludeProfileIds,
    );
    const best = bestCandidate(
      model,
      person,
      candidates.map((profile) => ({
        profileId: profile.profileId,
        person: preparedPersonOf(profile.traits),
      })),
    );
    const profile = candidates.find((candidate) => candidate.profileId === best?.profileId);
    if (best === null || profile === undefined) return NO_CANDIDATE;
    return { ...best, profile: candidateOf(profile), candidatesCompared: candidates.length };
  }

  /** Profiles by the selective keys, then, while fewer than the limit, by the broad ones. */
  private async candidatesOf(
    workspaceId: string,
    keys: readonly string[],
    excludeProfileIds: readonly string[],
  ): Promise<Profile[]> {
    const found = new Map<string, Profile>();
    const { selective, broad } = keyTiers(keys);
    for (const tier of [selective, broad]) {
      const room = CANDIDATE_LIMIT - found.size;
      if (tier.length === 0 || room <= 0) continue;
      const page = await this.profiles.findByMatchKeys(workspaceId, tier, room, [
        ...excludeProfileIds,
        ...found.keys(),
      ]);
      for (const { profile } of page) found.set(profile.profileId, profile);
    }
    return [...found.values()];
  }
}

import { hasPersonData, personRecordOf } from '../profiles';
import { Injectable } from '@nestjs/common';
import { preparePersonRecord } from '@meridian/record-linkage';
import { DEFAULT_FIT_OPTIONS, fitMatchModel, type PersonOfProfile } from './fit-model';
import { MatchCandidateRepository } from './match-candidate.repository';
import { MatchModelCache } from './match-model-cache';
import { MatchModelRepository } from './match-model.repository';
import {
  DEFAULT_MATCH_THRESHOLDS,
  fittedFieldsOf,
  type MatchModel,
  type MatchThresholds,
} from './match-model';
import { MatchingError } from './matching-errors';

/** Profiles a fit reads at most, by default and when asked for more. */
export const FIT_PROFILES = { default: 20_000, max: 100_000 } as const;
/** Profiles read per query while sampling: bounds the memory one page of records takes. */
const PAGE_SIZE = 500;

export interface FitRequest {
  /** At most this many profiles with PII are read (FIT_PROFILES.default when absent). */
  readonly maxProfiles?: number;
  /** Thresholds to decide with from now on; else the model's previous ones, else defaults. */
  readonly thresholds?: MatchThresholds;
}

/**
 * Fits, stores and serves the workspaces' match models. A fit runs in the request (a second
 * or two for 20,000 profiles) and replaces the model; the matcher on this instance uses it at
 * once, on others within MODEL_CACHE_MS.
 */
@Injectable()
export class MatchModelService {
  constructor(
    private readonly models: MatchModelRepository,
    private readonly profiles: MatchCandidateRepository,
    private readonly cache: MatchModelCache,
  ) {}

  async fit(workspaceId: string, request: FitRequest = {}): Promise<MatchModel> {
    const people = await this.peopleOf(workspaceId, request.maxProfiles ?? FIT_PROFILES.default);
    const fitted = fitMatchModel(people, DEFAULT_FIT_OPTIONS);
    const previous = await this.models.find(workspaceId);
    const model: MatchModel = {
      workspaceId,
      fields: fittedFieldsOf(fitted.model),
      matchPrior: fitted.model.matchPrior,
      thresholds: request.thresholds ?? previous?.thresholds ?? DEFAULT_MATCH_THRESHOLDS,
      fittedAt: new Date().toISOString(),
      profilesSampled: fitted.profilesSampled,
      pairsUsed: fitted.pairsUsed,
      iterations: fitted.iterations,
      converged: fitted.converged,
    };
    await this.models.save(model);
    this.cache.forget(workspaceId);
    return model;
  }

  async current(workspaceId: string): Promise<MatchModel> {
    const model = await this.models.find(workspaceId);
    if (model === null)
      throw new MatchingError(
        'not_found',
        'the workspace has no match model yet: POST /v1/match-model/fit',
      );
    return model;
  }

  async setThresholds(workspaceId: string, thresholds: MatchThresholds): Promise<MatchModel> {
    if (!(await this.models.setThresholds(workspaceId, thresholds)))
      throw new MatchingError(
        'not_found',
        'the workspace has no match model to set thresholds on: fit one first (POST /v1/match-model/fit, which also takes thresholds)',
      );
    this.cache.forget(workspaceId);
    return this.current(workspaceId);
  }

  /** Up to `max` live profiles with PII, page by page in profile id order. */
  private async peopleOf(workspaceId: string, max: number): Promise<PersonOfProfile[]> {
    const people: PersonOfProfile[] = [];
    let after: string | null = null;
    while (people.length < max) {
      const page = await this.profiles.pageWithPii(workspaceId, after, PAGE_SIZE);
      for (const { profileId, traits } of page) {
        const record = personRecordOf(traits);
        if (people.length < max && hasPersonData(preparePersonRecord(record)))
          people.push({ profileId, record });
      }
      const last = page.at(-1);
      if (page.length < PAGE_SIZE || last === undefined) break;
      after = last.profileId;
    }
    return people;
  }
}

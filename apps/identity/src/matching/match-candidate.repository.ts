import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@meridian/contracts';
import {
  BaseRepository,
  InjectDatabase,
  type Database,
  type QueryFilter,
} from '@meridian/persistence';
import {
  openProfile,
  PII_TRAITS,
  ProfilePii,
  profilesCollection,
  type Profile,
  type ProfileDocument,
} from '../profiles';

/** A live profile found by a blocking key. */
export interface MatchCandidate {
  readonly profile: Profile;
}

/** A live profile's traits, for fitting. */
export interface ProfileTraits {
  readonly profileId: string;
  readonly traits: JsonObject;
}

/**
 * Read-only access to the profiles collection for probabilistic matching: live profiles (not
 * merged into another) by blocking key, and pages of those with PII for fitting. Never
 * writes: profiles have one writer, their partition's owner.
 */
@Injectable()
export class MatchCandidateRepository {
  private readonly profiles: BaseRepository<ProfileDocument>;

  constructor(
    @InjectDatabase() db: Database,
    private readonly pii: ProfilePii,
  ) {
    this.profiles = new BaseRepository<ProfileDocument>(db, profilesCollection);
  }

  /**
   * Live profiles holding one of `keys` (by blind index) in `matchKeys`, other than `excludeProfileIds`, at
   * most `limit`, in no particular order: a sort would make MongoDB read every profile of a
   * broad block (a common surname) before applying the limit.
   */
  async findByMatchKeys(
    workspaceId: string,
    keys: readonly string[],
    limit: number,
    excludeProfileIds: readonly string[] = [],
  ): Promise<MatchCandidate[]> {
    if (keys.length === 0) return [];
    const documents = await this.profiles.find(
      workspaceId,
      {
        matchKeys: { $in: keys.map((key) => this.pii.matchKeyIndex(key)) },
        mergedInto: null,
        ...(excludeProfileIds.length === 0 ? {} : { _id: { $nin: [...excludeProfileIds] } }),
      },
      { limit },
    );
    return documents.map((document) => ({ profile: openProfile(this.pii, document) }));
  }

  /**
   * The traits of up to `limit` live profiles that have a PII trait, after `afterProfileId`
   * in profile id order (ids are hashes, so the first pages are a fair sample).
   */
  async pageWithPii(
    workspaceId: string,
    afterProfileId: string | null,
    limit: number,
  ): Promise<ProfileTraits[]> {
    const holdsPii: QueryFilter<ProfileDocument>[] = PII_TRAITS.map((trait) => ({
      [`traits.${trait}`]: { $exists: true },
    }));
    const documents = await this.profiles.find(
      workspaceId,
      {
        mergedInto: null,
        $or: holdsPii,
        ...(afterProfileId === null ? {} : { _id: { $gt: afterProfileId } }),
      },
      { sort: { _id: 1 }, limit },
    );
    return documents.map((document) => {
      const { profileId, traits } = openProfile(this.pii, document);
      return { profileId, traits };
    });
  }
}

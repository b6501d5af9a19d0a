import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@meridian/contracts';
import {
  BaseRepository,
  InjectDatabase,
  type Database,
  type QueryFilter,
} from '@meridian/persistence';
import { z } from 'zod';
import { Profile, profilesCollection } from '../profiles';

/**
 * A stored profile as matching reads it: the golden record plus `matchKeys`, the blocking keys
 * of its PII that resolution writes on every save (absent on records saved before: none).
 */
type MatchableProfileDocument = Omit<Profile, 'profileId'> & {
  _id: string;
  matchKeys?: readonly string[];
};

const MatchKeys = z.array(z.string()).default([]);
const TraitsOnly = Profile.pick({ traits: true });

/** A live profile found by a blocking key. */
export interface MatchCandidate {
  readonly profile: Profile;
  readonly matchKeys: readonly string[];
}

/** A live profile's traits, for fitting. */
export interface ProfileTraits {
  readonly profileId: string;
  readonly traits: JsonObject;
}

/** Where a profile keeps PII under Segment's reserved trait names. */
const PII_TRAITS = ['firstName', 'lastName', 'name', 'birthday', 'phone', 'email', 'address'];

/**
 * Read-only access to the profiles collection for probabilistic matching: live profiles (not
 * merged into another) by blocking key, and pages of those with PII for fitting. Never
 * writes: profiles have one writer, their partition's owner.
 */
@Injectable()
export class MatchCandidateRepository {
  private readonly profiles: BaseRepository<MatchableProfileDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.profiles = new BaseRepository<MatchableProfileDocument>(db, profilesCollection);
  }

  /**
   * Live profiles holding one of `keys` in `matchKeys`, other than `excludeProfileIds`, at
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
        matchKeys: { $in: [...keys] },
        mergedInto: null,
        ...(excludeProfileIds.length === 0 ? {} : { _id: { $nin: [...excludeProfileIds] } }),
      },
      { limit },
    );
    return documents.map(({ _id, ...fields }) => ({
      profile: Profile.parse({ ...fields, profileId: _id }),
      matchKeys: MatchKeys.parse(fields.matchKeys),
    }));
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
    const holdsPii: QueryFilter<MatchableProfileDocument>[] = PII_TRAITS.map((trait) => ({
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
    return documents.map((document) => ({
      profileId: document._id,
      traits: TraitsOnly.parse(document).traits,
    }));
  }
}

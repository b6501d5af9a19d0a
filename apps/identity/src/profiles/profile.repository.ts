import { Injectable } from '@nestjs/common';
import type { Identifier } from '@meridian/contracts';
import {
  BaseRepository,
  InjectDatabase,
  type Database,
  type QueryFilter,
} from '@meridian/persistence';
import { StaleProfileError } from './errors';
import { containsIdentifier, normalizeIdentifier } from './identifiers';
import { matchKeysOf } from './person-traits';
import { Profile } from './profile.model';
import { profilesCollection } from './profile.collections';

/** A profile as stored: the profile id is the document `_id`. */
export type ProfileDocument = Omit<Profile, 'profileId'> & { _id: string };

/**
 * Golden records. Writes are read-modify-write guarded by `revision`: the write names the
 * revision it was computed from and fails when the stored profile has moved on.
 */
@Injectable()
export class ProfileRepository {
  private readonly profiles: BaseRepository<ProfileDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.profiles = new BaseRepository<ProfileDocument>(db, profilesCollection);
  }

  async findById(workspaceId: string, profileId: string): Promise<Profile | null> {
    const document = await this.profiles.findOne(workspaceId, { _id: profileId });
    if (document === null) return null;
    const { _id, ...fields } = document;
    return Profile.parse({ ...fields, profileId: _id });
  }

  /** The stored profiles among `profileIds` (missing ones are left out), in no order. */
  async findByIds(workspaceId: string, profileIds: readonly string[]): Promise<Profile[]> {
    if (profileIds.length === 0) return [];
    const documents = await this.profiles.find(workspaceId, { _id: { $in: [...profileIds] } });
    return documents.map(({ _id, ...fields }) => Profile.parse({ ...fields, profileId: _id }));
  }

  /**
   * The partition a stored profile belongs to, or null when there is no such profile. Read
   * without parsing the whole record, so an erasure never depends on the profile's shape.
   */
  async partitionOf(workspaceId: string, profileId: string): Promise<number | null> {
    const document = await this.profiles.findOne(workspaceId, { _id: profileId });
    return document === null ? null : document.partition;
  }

  /**
   * Profiles of the workspace that hold one of `identifiers` (in identity's normalised form)
   * on the record itself: in their identifiers (also one another profile claimed first in a
   * race), or, for an email or phone, as the identify trait, which a profile keeps even when
   * the identifier was claimed on another partition. The identifier index does not lead to
   * these; a data-subject deletion must find them too. Scans the workspace's profiles, which
   * suits deletions, not hot paths.
   */
  async findHolding(
    workspaceId: string,
    identifiers: readonly Identifier[],
  ): Promise<{ profileId: string; partition: number }[]> {
    if (identifiers.length === 0) return [];
    const candidates = await this.profiles.find(workspaceId, {
      $or: candidateConditions(identifiers),
    });
    return candidates
      .filter((document) => identifiers.some((identifier) => holds(document, identifier)))
      .map((document) => ({ profileId: document._id, partition: document.partition }));
  }

  /**
   * Deletes a profile document (the golden record with its timeline and message history);
   * returns how many were deleted (0 when it was gone already). Only the owner of the
   * profile's partition may call it.
   */
  async delete(workspaceId: string, profileId: string): Promise<number> {
    return this.profiles.deleteMany(workspaceId, { _id: profileId });
  }

  /**
   * Profiles whose top-level trait `trait` equals one of `values` (or, for a list trait, holds
   * one), in profile id order after `afterProfileId`, at most `limit`. Fast on MongoDB only
   * for traits with a search index (the profile API declares them).
   */
  async findByTrait(
    workspaceId: string,
    query: {
      readonly trait: string;
      readonly values: readonly (string | number | boolean)[];
      readonly afterProfileId: string | undefined;
      readonly limit: number;
    },
  ): Promise<Profile[]> {
    if (/[.$]/.test(query.trait)) throw new RangeError(`"${query.trait}" is not a trait name`);
    const documents = await this.profiles.find(
      workspaceId,
      {
        [`traits.${query.trait}`]: { $in: [...query.values] },
        // Retired profiles keep their data until erased; only live ones are found.
        mergedInto: null,
        ...(query.afterProfileId === undefined ? {} : { _id: { $gt: query.afterProfileId } }),
      },
      { sort: { _id: 1 }, limit: query.limit },
    );
    return documents.map(({ _id, ...fields }) => Profile.parse({ ...fields, profileId: _id }));
  }

  /**
   * Stores `profile`, which was computed from the stored revision `profile.revision - 1`:
   * inserted when that is 0 (a new profile), else replaced only if still at that revision.
   * Throws StaleProfileError when the guard fails (or DuplicateKeyError for a second insert).
   */
  async save(profile: Profile): Promise<void> {
    const { profileId, ...rest } = profile;
    // Derived here, so every writer (calls, merges, unmerges, scores) keeps them current.
    const fields = { ...rest, matchKeys: matchKeysOf(profile.traits) };
    const expectedRevision = profile.revision - 1;
    if (expectedRevision === 0) {
      await this.profiles.insertOne(profile.workspaceId, { _id: profileId, ...fields });
      return;
    }
    const updated = await this.profiles.updateIfUnchanged(
      profile.workspaceId,
      { _id: profileId, revision: expectedRevision },
      { $set: fields },
    );
    if (!updated) throw new StaleProfileError(profileId, expectedRevision);
  }
}

/**
 * A superset of the profiles holding the identifiers, in what FerretDB 1.24 can query (its
 * $elemMatch takes operators only, so the type and value of one identifier are matched
 * afterwards, by holds): any identifier with one of the values, or an email or phone trait
 * that normalises to one (case, blanks and phone separators ignored).
 */
function candidateConditions(identifiers: readonly Identifier[]): QueryFilter<ProfileDocument>[] {
  const values = [...new Set(identifiers.map((identifier) => identifier.value))];
  const conditions: QueryFilter<ProfileDocument>[] = [{ 'identifiers.value': { $in: values } }];
  for (const { type, value } of identifiers) {
    if (type === 'email' || type === 'phone')
      conditions.push({ [`traits.${type}`]: { $regex: traitPattern(type, value), $options: 'i' } });
  }
  return conditions;
}

/** What normalizeIdentifier would turn into `value`: blanks around an email, separators in a phone. */
function traitPattern(type: 'email' | 'phone', value: string): string {
  if (type === 'email') return `^\\s*${escapeRegExp(value)}\\s*$`;
  const separators = '[\\s().-]*';
  return `^${separators}${[...value].map(escapeRegExp).join(separators)}${separators}$`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the profile holds the identifier on its record, as identity resolves by it. */
function holds(document: ProfileDocument, identifier: Identifier): boolean {
  if (containsIdentifier(document.identifiers, identifier)) return true;
  const { type } = identifier;
  if (type !== 'email' && type !== 'phone') return false;
  const trait = document.traits[type];
  return (
    typeof trait === 'string' &&
    normalizeIdentifier({ type, value: trait }).value === identifier.value
  );
}

import { Injectable } from '@nestjs/common';
import type { Identifier } from '@meridian/contracts';
import {
  BaseRepository,
  InjectDatabase,
  type Database,
  type QueryFilter,
} from '@meridian/persistence';
import { StaleProfileError } from './errors';
import { containsIdentifier } from './identifiers';
import {
  isPiiIdentifier,
  isPiiTrait,
  openProfile,
  ProfilePii,
  sealProfile,
  type ProfileDocument,
} from './pii';
import type { Profile } from './profile.model';
import { profilesCollection } from './profile.collections';

/**
 * Golden records. Writes are read-modify-write guarded by `revision`: the write names the
 * revision it was computed from and fails when the stored profile has moved on.
 */
@Injectable()
export class ProfileRepository {
  private readonly profiles: BaseRepository<ProfileDocument>;

  constructor(
    @InjectDatabase() db: Database,
    private readonly pii: ProfilePii,
  ) {
    this.profiles = new BaseRepository<ProfileDocument>(db, profilesCollection);
  }

  async findById(workspaceId: string, profileId: string): Promise<Profile | null> {
    const document = await this.profiles.findOne(workspaceId, { _id: profileId });
    return document === null ? null : openProfile(this.pii, document);
  }

  /** The stored profiles among `profileIds` (missing ones are left out), in no order. */
  async findByIds(workspaceId: string, profileIds: readonly string[]): Promise<Profile[]> {
    if (profileIds.length === 0) return [];
    const documents = await this.profiles.find(workspaceId, { _id: { $in: [...profileIds] } });
    return documents.map((document) => openProfile(this.pii, document));
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
   * these; a data-subject deletion must find them too. Emails and phones are found by their
   * blind indexes (`piiIndex`), other identifiers by value. Suits deletions, not hot paths.
   */
  async findHolding(
    workspaceId: string,
    identifiers: readonly Identifier[],
  ): Promise<{ profileId: string; partition: number }[]> {
    const plain = identifiers.filter((identifier) => !isPiiIdentifier(identifier));
    const indexes = new Set(
      identifiers.filter(isPiiIdentifier).flatMap((identifier) => {
        const asTrait = this.pii.traitIndex(identifier.type, identifier.value);
        return [this.pii.identifierIndex(identifier), ...(asTrait === null ? [] : [asTrait])];
      }),
    );
    const conditions: QueryFilter<ProfileDocument>[] = [];
    if (plain.length > 0)
      conditions.push({ 'identifiers.value': { $in: plain.map(({ value }) => value) } });
    if (indexes.size > 0) conditions.push({ piiIndex: { $in: [...indexes] } });
    if (conditions.length === 0) return [];
    const candidates = await this.profiles.find(workspaceId, { $or: conditions });
    return candidates
      .filter(
        (document) =>
          plain.some((identifier) => containsIdentifier(document.identifiers, identifier)) ||
          (document.piiIndex ?? []).some((index) => indexes.has(index)),
      )
      .map((document) => ({ profileId: document._id, partition: document.partition }));
  }

  /**
   * The profiles one person's merges link to `found`, `found` included: those merged into one
   * of them (retired, keeping their data until erased) and those one of them was merged into,
   * followed both ways until nothing new turns up. A retired profile may hold none of a
   * deletion request's identifiers (an anonymous visit merged on login) and is still the
   * person's. Suits deletions, not hot paths.
   */
  async linkedByMerges(
    workspaceId: string,
    found: readonly string[],
  ): Promise<{ profileId: string; partition: number }[]> {
    const linked = new Map<string, number>();
    const asked = new Set<string>();
    let frontier = [...new Set(found)];
    while (frontier.length > 0) {
      for (const profileId of frontier) asked.add(profileId);
      const documents = await this.profiles.find(workspaceId, {
        $or: [{ _id: { $in: frontier } }, { mergedInto: { $in: frontier } }],
      });
      const next = new Set<string>();
      for (const document of documents) {
        linked.set(document._id, document.partition);
        for (const profileId of [document._id, document.mergedInto])
          if (profileId !== null && !asked.has(profileId)) next.add(profileId);
      }
      frontier = [...next];
    }
    return [...linked].map(([profileId, partition]) => ({ profileId, partition }));
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
   * for traits with a search index (the profile API declares them). A PII trait is encrypted,
   * so it is matched by blind index: emails and phones as identifiers are normalised, other
   * text regardless of case and surrounding blanks; the address object is not searchable.
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
    const byValue: QueryFilter<ProfileDocument> = isPiiTrait(query.trait)
      ? { piiIndex: { $in: this.traitIndexes(query.trait, query.values) } }
      : { [`traits.${query.trait}`]: { $in: [...query.values] } };
    const documents = await this.profiles.find(
      workspaceId,
      {
        ...byValue,
        // Retired profiles keep their data until erased; only live ones are found.
        mergedInto: null,
        ...(query.afterProfileId === undefined ? {} : { _id: { $gt: query.afterProfileId } }),
      },
      { sort: { _id: 1 }, limit: query.limit },
    );
    return documents.map((document) => openProfile(this.pii, document));
  }

  /**
   * Profiles whose PII was encrypted with a key other than `currentKeyId` (a rotation's work),
   * after `afterProfileId` in id order, at most `limit`. A scan: for the rotation job only.
   */
  async pageAwaitingRotation(
    workspaceId: string,
    currentKeyId: string,
    afterProfileId: string | null,
    limit: number,
  ): Promise<{ profileId: string; partition: number }[]> {
    const documents = await this.profiles.find(
      workspaceId,
      {
        piiKeyId: { $ne: currentKeyId },
        ...(afterProfileId === null ? {} : { _id: { $gt: afterProfileId } }),
      },
      { sort: { _id: 1 }, limit },
    );
    return documents.map((document) => ({
      profileId: document._id,
      partition: document.partition,
    }));
  }

  /** How many profiles of the workspace await re-encryption with `currentKeyId`. */
  async countAwaitingRotation(workspaceId: string, currentKeyId: string): Promise<number> {
    return this.profiles.count(workspaceId, { piiKeyId: { $ne: currentKeyId } });
  }

  /**
   * Stores `profile`, which was computed from the stored revision `profile.revision - 1`:
   * inserted when that is 0 (a new profile), else replaced only if still at that revision.
   * Throws StaleProfileError when the guard fails (or DuplicateKeyError for a second insert).
   */
  async save(profile: Profile): Promise<void> {
    // Sealed here, so every writer (calls, merges, unmerges, scores) encrypts the PII and
    // keeps the blind indexes current.
    const { _id: profileId, ...fields } = sealProfile(this.pii, profile);
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

  private traitIndexes(trait: string, values: readonly (string | number | boolean)[]): string[] {
    return values.flatMap((value) => {
      const index = this.pii.traitIndex(trait, value);
      return index === null ? [] : [index];
    });
  }
}

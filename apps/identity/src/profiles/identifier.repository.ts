import { Injectable } from '@nestjs/common';
import type { Identifier } from '@meridian/contracts';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import { identifierKey } from './identifiers';
import { identifiersCollection } from './profile.collections';

/** An identifier index entry: which profile (in which partition) owns the identifier. */
export interface IdentifierClaim {
  readonly identifier: Identifier;
  readonly profileId: string;
  readonly partition: number;
}

export interface IdentifierDocument {
  _id: string;
  workspaceId: string;
  type: string;
  /** Kept as a field so the value is queryable whatever characters it holds. */
  value: string;
  profileId: string;
  partition: number;
  claimedAt: string;
}

/** The identifier index: (workspace, type, value) → the profile that owns it. */
@Injectable()
export class IdentifierRepository {
  private readonly identifiers: BaseRepository<IdentifierDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.identifiers = new BaseRepository<IdentifierDocument>(db, identifiersCollection);
  }

  async find(workspaceId: string, identifier: Identifier): Promise<IdentifierClaim | null> {
    const [claim] = await this.findAll(workspaceId, [identifier]);
    return claim ?? null;
  }

  async findAll(
    workspaceId: string,
    identifiers: readonly Identifier[],
  ): Promise<IdentifierClaim[]> {
    if (identifiers.length === 0) return [];
    const keys = identifiers.map((identifier) => identifierKey(workspaceId, identifier));
    const documents = await this.identifiers.find(workspaceId, { _id: { $in: keys } });
    return documents.map(toClaim);
  }

  /**
   * Deletes every claim held by a profile (the identifiers index entries pointing at it) and
   * returns how many there were; other profiles' claims are left as they are.
   */
  async releaseAllOf(workspaceId: string, profileId: string): Promise<number> {
    return this.identifiers.deleteMany(workspaceId, { profileId });
  }

  /**
   * Hands every claim of a retired profile to the profile it was merged into; returns how
   * many moved. Only the retired profile's writer calls it, once the profile points at its
   * survivor, so a claim is never moved away from a live profile.
   */
  async moveAll(
    workspaceId: string,
    fromProfileId: string,
    to: { readonly profileId: string; readonly partition: number },
  ): Promise<number> {
    return this.identifiers.updateMany(
      workspaceId,
      { profileId: fromProfileId },
      { $set: { profileId: to.profileId, partition: to.partition } },
    );
  }

  /**
   * Hands the claims of `identifiers` that `fromProfileId` holds to another profile (an
   * unmerge giving an absorbed profile its identifiers back); returns how many moved. Only the
   * holder's writer calls it.
   */
  async moveSome(
    workspaceId: string,
    identifiers: readonly Identifier[],
    fromProfileId: string,
    to: { readonly profileId: string; readonly partition: number },
  ): Promise<number> {
    if (identifiers.length === 0) return 0;
    const keys = identifiers.map((identifier) => identifierKey(workspaceId, identifier));
    return this.identifiers.updateMany(
      workspaceId,
      { _id: { $in: keys }, profileId: fromProfileId },
      { $set: { profileId: to.profileId, partition: to.partition } },
    );
  }

  /** Drops the claim of one identifier if `profileId` holds it; true when it did. */
  async release(workspaceId: string, identifier: Identifier, profileId: string): Promise<boolean> {
    const _id = identifierKey(workspaceId, identifier);
    return (await this.identifiers.deleteMany(workspaceId, { _id, profileId })) > 0;
  }

  /**
   * Claims an identifier for a profile unless another profile holds it already, and
   * returns whoever holds it afterwards. Never moves an existing claim. An insert, not an
   * upsert: two partitions claiming at once settle on the unique `_id`, and an insert finds
   * the key by its primary index on FerretDB too, where a filtered upsert scans the index
   * collection.
   */
  async claim(
    workspaceId: string,
    identifier: Identifier,
    owner: { profileId: string; partition: number },
    now: string,
  ): Promise<IdentifierClaim> {
    const document: IdentifierDocument = {
      _id: identifierKey(workspaceId, identifier),
      workspaceId,
      type: identifier.type,
      value: identifier.value,
      profileId: owner.profileId,
      partition: owner.partition,
      claimedAt: now,
    };
    if (await this.identifiers.insertIfAbsent(workspaceId, document)) return toClaim(document);
    const holder = await this.find(workspaceId, identifier);
    if (holder === null) {
      // Released between the failed insert and the read (an erasure or unmerge): claim again.
      if (await this.identifiers.insertIfAbsent(workspaceId, document)) return toClaim(document);
      throw new Error(`identifier ${document._id} is claimed but cannot be read back`);
    }
    return holder;
  }
}

function toClaim(document: IdentifierDocument): IdentifierClaim {
  return {
    identifier: { type: document.type, value: document.value },
    profileId: document.profileId,
    partition: document.partition,
  };
}

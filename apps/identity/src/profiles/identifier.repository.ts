import { Injectable } from '@nestjs/common';
import type { Identifier } from '@meridian/contracts';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import { identifierKey } from './identifiers';
import { isPiiIdentifier, ProfilePii } from './pii';
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
  /** The value (encrypted for an email or phone), kept so a claim names what it claims. */
  value: string;
  profileId: string;
  partition: number;
  claimedAt: string;
}

/** The identifier index: (workspace, type, value) → the profile that owns it. */
@Injectable()
export class IdentifierRepository {
  private readonly identifiers: BaseRepository<IdentifierDocument>;

  constructor(
    @InjectDatabase() db: Database,
    private readonly pii: ProfilePii,
  ) {
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
    const keys = identifiers.map((identifier) => this.keyOf(workspaceId, identifier));
    const documents = await this.identifiers.find(workspaceId, { _id: { $in: keys } });
    return documents.map((document) => this.toClaim(document));
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
    const keys = identifiers.map((identifier) => this.keyOf(workspaceId, identifier));
    return this.identifiers.updateMany(
      workspaceId,
      { _id: { $in: keys }, profileId: fromProfileId },
      { $set: { profileId: to.profileId, partition: to.partition } },
    );
  }

  /** Drops the claim of one identifier if `profileId` holds it; true when it did. */
  async release(workspaceId: string, identifier: Identifier, profileId: string): Promise<boolean> {
    const _id = this.keyOf(workspaceId, identifier);
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
    const _id = this.keyOf(workspaceId, identifier);
    const document: IdentifierDocument = {
      _id,
      workspaceId,
      type: identifier.type,
      value: isPiiIdentifier(identifier)
        ? this.pii.seal(identifier.value, { workspaceId, ownerId: _id, field: 'value' })
        : identifier.value,
      profileId: owner.profileId,
      partition: owner.partition,
      claimedAt: now,
    };
    const claimed: IdentifierClaim = { identifier, ...owner };
    if (await this.identifiers.insertIfAbsent(workspaceId, document)) return claimed;
    const holder = await this.find(workspaceId, identifier);
    if (holder === null) {
      // Released between the failed insert and the read (an erasure or unmerge): claim again.
      if (await this.identifiers.insertIfAbsent(workspaceId, document)) return claimed;
      throw new Error(`identifier ${_id} is claimed but cannot be read back`);
    }
    return holder;
  }

  /**
   * Encrypts again, with the current key, the values of the email and phone claims that
   * `profileId` holds among `identifiers` (a key rotation); returns how many it rewrote. Only
   * the holder's writer calls it.
   */
  async resealHeld(
    workspaceId: string,
    identifiers: readonly Identifier[],
    profileId: string,
  ): Promise<number> {
    let rewritten = 0;
    for (const identifier of identifiers.filter(isPiiIdentifier)) {
      const _id = this.keyOf(workspaceId, identifier);
      const value = this.pii.seal(identifier.value, { workspaceId, ownerId: _id, field: 'value' });
      if (
        await this.identifiers.updateIfUnchanged(
          workspaceId,
          { _id, profileId },
          { $set: { value } },
        )
      )
        rewritten += 1;
    }
    return rewritten;
  }

  /**
   * The entry's `_id`: an email or phone is keyed by its blind index, so the index never
   * holds the value in clear and is still found by it.
   */
  private keyOf(workspaceId: string, identifier: Identifier): string {
    if (!isPiiIdentifier(identifier)) return identifierKey(workspaceId, identifier);
    return `${workspaceId}|${identifier.type}|#${this.pii.identifierIndex(identifier)}`;
  }

  private toClaim(document: IdentifierDocument): IdentifierClaim {
    const { workspaceId, _id, type } = document;
    const value = isPiiIdentifier(document)
      ? this.pii.open(document.value, { workspaceId, ownerId: _id, field: 'value' })
      : document.value;
    if (typeof value !== 'string') throw new TypeError(`identifier ${_id} holds no text value`);
    return {
      identifier: { type, value },
      profileId: document.profileId,
      partition: document.partition,
    };
  }
}

import { createHash } from 'node:crypto';
import { defineCollection, type CollectionDefinition } from '@meridian/persistence';

/**
 * A service's record of the profiles it erased: one insert-only document per erased profile,
 * written by the owner of the profile's partition. It is both the receipt that lets whichever
 * owner finishes a request's last profile confirm it (the owners of a request's profiles write
 * at once, and FerretDB does not make concurrent updates of one document safe, so each profile
 * has its own document), and the tombstone that keeps a late event of an erased profile (an
 * email opened after the erasure) from creating its data again. Read by `_id`, and by request
 * to tell a request already carried out from one that matched nobody.
 *
 * Each service names its own collection, since services may share a database.
 */
export function erasedProfilesCollection(name: string): CollectionDefinition {
  return defineCollection({
    name,
    indexes: [{ name: 'workspace_request', key: { workspaceId: 1, requestId: 1 } }],
  });
}

export interface ErasedProfileDocument {
  /** erasedProfileId(workspaceId, profileId). */
  readonly _id: string;
  readonly workspaceId: string;
  /** The deletion request that erased the profile. */
  readonly requestId: string;
  /**
   * The records the first completed erasure deleted; null while it is under way (the record
   * is written before the data is deleted, so a writer that checks it after writing either
   * sees it or has its write deleted).
   */
  readonly deletedRecords: number | null;
  readonly erasedAt: Date;
}

/**
 * `<workspace>|<sha256 of the profile id>`: the erased profile's id is not kept, so nothing
 * stored afterwards names it, yet an event that still carries it is recognised.
 */
export function erasedProfileId(workspaceId: string, profileId: string): string {
  const digest = createHash('sha256').update(profileId, 'utf8').digest('hex');
  return `${workspaceId}|${digest.slice(0, 32)}`;
}

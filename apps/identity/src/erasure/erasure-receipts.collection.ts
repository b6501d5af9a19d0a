import { createHash } from 'node:crypto';
import { defineCollection } from '@meridian/persistence';

/**
 * One insert-only document per (deletion request, erased profile), written by the owner of
 * the profile's partition. The owners of a request's profiles record their receipts at the
 * same time, and FerretDB does not make concurrent updates of one document safe, so each has
 * its own document and the unique `_id` makes a repeated erasure a no-op. Read by `_id` only.
 */
export const erasureReceiptsCollection = defineCollection({
  name: 'erasure_receipts',
  indexes: [],
});

export interface ErasureReceiptDocument {
  /** erasureReceiptId(requestId, profileId). */
  readonly _id: string;
  readonly workspaceId: string;
  readonly requestId: string;
  /** The profile and identifier documents the first completed erasure deleted. */
  readonly deletedRecords: number;
  readonly erasedAt: Date;
}

/**
 * `<requestId>|<sha256 of the profile id>`: the erased profile's id is not kept, so nothing
 * identity stores afterwards names the person's profile, yet the owner erasing another profile
 * of the request can still tell which of them have receipts.
 */
export function erasureReceiptId(requestId: string, profileId: string): string {
  const digest = createHash('sha256').update(profileId, 'utf8').digest('hex');
  return `${requestId}|${digest.slice(0, 32)}`;
}

import { defineCollection } from '@meridian/persistence';

/**
 * One document per write key, keyed by the key's SHA-256 (hex): the raw key is never
 * stored. `revokedAt` stays on the document so a revoked key is never silently reissued.
 * The _id index is the only one needed: every lookup is by hash.
 */
export const writeKeysCollection = defineCollection({ name: 'write_keys', indexes: [] });

export interface WriteKeyDocument {
  /** sha256(rawKey), hex. */
  readonly _id: string;
  readonly workspaceId: string;
  readonly sourceId: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

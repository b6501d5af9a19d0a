import { defineCollection } from '@meridian/persistence';

/**
 * One document per write key, keyed by the key's SHA-256 (hex): the raw key is never
 * stored. `revokedAt` stays on the document so a revoked key is never silently reissued.
 * Authentication looks keys up by hash (the _id); the admin API lists a source's keys.
 */
export const writeKeysCollection = defineCollection({
  name: 'write_keys',
  indexes: [{ name: 'write_keys_source', key: { workspaceId: 1, sourceId: 1 } }],
});

export interface WriteKeyDocument {
  /** sha256(rawKey), hex. */
  readonly _id: string;
  readonly workspaceId: string;
  readonly sourceId: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  /**
   * Public id the admin API lists and revokes by (keyIdOfWriteKey of the hash). Keys stored
   * before ids existed lack it; readers derive the same id from the hash.
   */
  readonly keyId?: string;
  /** The key's first characters, so people can tell keys apart; absent for seeded keys. */
  readonly prefix?: string;
}

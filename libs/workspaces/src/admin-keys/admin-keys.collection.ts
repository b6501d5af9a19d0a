import { defineCollection } from '@meridian/persistence';
import { z } from 'zod';

/** What an admin key may do: owner > admin > read-only. */
export const AdminKeyRole = z.enum(['owner', 'admin', 'read-only']);
export type AdminKeyRole = z.infer<typeof AdminKeyRole>;

/**
 * One document per admin key, keyed by the key's SHA-256 (hex) as write keys are: the raw
 * key is never stored. `keyId` is the public name the API lists and revokes by.
 */
export const adminKeysCollection = defineCollection({
  name: 'admin_keys',
  indexes: [
    { name: 'admin_keys_key_id', key: { keyId: 1 }, unique: true },
    { name: 'admin_keys_workspace_created', key: { workspaceId: 1, createdAt: -1 } },
  ],
});

export interface AdminKeyDocument {
  /** sha256(rawKey), hex. */
  readonly _id: string;
  readonly keyId: string;
  readonly name: string;
  readonly role: AdminKeyRole;
  /**
   * The one workspace the key may act on; null (or absent: FerretDB drops null fields an
   * upsert inserts) for an installation-wide key.
   */
  readonly workspaceId?: string | null;
  readonly createdAt: Date;
  /** Absent or null while the key is active. */
  readonly revokedAt?: Date | null;
}

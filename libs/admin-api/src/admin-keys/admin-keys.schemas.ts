import { z } from 'zod';
import { AdminRole } from '../access/admin-role';
import { DisplayName, Slug, Timestamp } from '../core/admin-schemas';

export const CreateAdminKeyBody = z.strictObject({
  name: DisplayName,
  role: AdminRole,
  workspaceId: Slug.nullable().optional().meta({
    description:
      "The workspace the key may act on; null for an installation-wide key. Defaults to the calling key's workspace",
  }),
});
export type CreateAdminKeyBody = z.infer<typeof CreateAdminKeyBody>;

export const AdminKeyParams = z.object({ keyId: z.string().min(1).max(100) });
export type AdminKeyParams = z.infer<typeof AdminKeyParams>;

export const AdminKeyListQuery = z.strictObject({
  workspaceId: Slug.optional().meta({ description: "Only this workspace's keys" }),
});
export type AdminKeyListQuery = z.infer<typeof AdminKeyListQuery>;

export const AdminKeyView = z.object({
  keyId: z.string(),
  name: z.string(),
  role: AdminRole,
  workspaceId: z.string().nullable(),
  createdAt: Timestamp,
  revokedAt: Timestamp.nullable(),
});
export type AdminKeyView = z.infer<typeof AdminKeyView>;

export const CreatedAdminKey = AdminKeyView.extend({
  key: z.string().meta({ description: 'The admin key itself: shown this once, never again' }),
});
export type CreatedAdminKey = z.infer<typeof CreatedAdminKey>;

export const AdminKeyList = z.object({ adminKeys: z.array(AdminKeyView) });
export type AdminKeyList = z.infer<typeof AdminKeyList>;

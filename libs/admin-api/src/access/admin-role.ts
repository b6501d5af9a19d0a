import { AdminKeyRole } from '@meridian/workspaces';
import { z } from 'zod';

/** What an admin key may do: owner > admin > read-only. */
export const AdminRole = AdminKeyRole;
export type AdminRole = z.infer<typeof AdminRole>;

const RANK: Readonly<Record<AdminRole, number>> = { 'read-only': 0, admin: 1, owner: 2 };

/** Whether a key with role `held` may call a route requiring `required`. */
export function roleAllows(held: AdminRole, required: AdminRole): boolean {
  return RANK[held] >= RANK[required];
}

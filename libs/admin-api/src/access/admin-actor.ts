import type { AdminRole } from './admin-role';

/** The admin key a request was authenticated with. */
export interface AdminActor {
  readonly keyId: string;
  readonly role: AdminRole;
  /** null: an installation-wide key, valid for every workspace */
  readonly workspaceId: string | null;
}

/** Whether the actor may act on this workspace: its own, or any for installation-wide keys. */
export function actsOn(actor: AdminActor, workspaceId: string): boolean {
  return actor.workspaceId === null || actor.workspaceId === workspaceId;
}

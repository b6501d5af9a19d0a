import { defineCollection } from '@meridian/persistence';

/**
 * One document per workspace; _id is the workspace id (a slug). workspaceId repeats it so
 * the document is workspace-scoped like every other.
 */
export const workspacesCollection = defineCollection({ name: 'workspaces', indexes: [] });

/** Defaults a new source of the workspace starts with (its source settings). */
export interface WorkspaceSettings {
  readonly missingConsentPolicy?: 'accept' | 'accept-unconsented' | 'refuse';
  readonly defaultPhoneRegion?: string;
}

export interface WorkspaceDocument {
  readonly _id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly settings: WorkspaceSettings;
}

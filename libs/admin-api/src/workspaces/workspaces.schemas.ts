import { SourceMissingConsentPolicy } from '@meridian/workspaces';
import { z } from 'zod';
import { DisplayName, Slug, Timestamp } from '../core/admin-schemas';

/** Defaults a new source of the workspace starts with. */
export const WorkspaceSettingsBody = z.strictObject({
  missingConsentPolicy: SourceMissingConsentPolicy.optional().meta({
    description:
      'Consent policy new sources start with (their source settings); without it they follow ' +
      "the service's INGEST_MISSING_CONSENT_POLICY",
  }),
});
export type WorkspaceSettingsBody = z.infer<typeof WorkspaceSettingsBody>;

export const CreateWorkspaceBody = z.strictObject({
  workspaceId: Slug,
  name: DisplayName,
  settings: WorkspaceSettingsBody.optional(),
});
export type CreateWorkspaceBody = z.infer<typeof CreateWorkspaceBody>;

export const WorkspaceView = z.object({
  workspaceId: z.string(),
  name: z.string(),
  createdAt: Timestamp,
  settings: WorkspaceSettingsBody,
});
export type WorkspaceView = z.infer<typeof WorkspaceView>;

export const WorkspaceList = z.object({ workspaces: z.array(WorkspaceView) });
export type WorkspaceList = z.infer<typeof WorkspaceList>;

import { z } from 'zod';
import { DisplayName, Slug, Timestamp } from '../core/admin-schemas';

export const CreateSourceBody = z.strictObject({ sourceId: Slug, name: DisplayName });
export type CreateSourceBody = z.infer<typeof CreateSourceBody>;

export const SourceView = z.object({
  workspaceId: z.string(),
  sourceId: z.string(),
  name: z.string(),
  createdAt: Timestamp,
});
export type SourceView = z.infer<typeof SourceView>;

export const SourceList = z.object({ sources: z.array(SourceView) });
export type SourceList = z.infer<typeof SourceList>;

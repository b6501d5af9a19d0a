import { z } from 'zod';

/** Path parameters; workspace ids are slugs (the admin API's own rule). */
export const WorkspacePathParams = z.object({
  workspaceId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a workspace id'),
});
export type WorkspacePathParams = z.infer<typeof WorkspacePathParams>;

export const RequestPathParams = WorkspacePathParams.extend({
  requestId: z.string().min(1).max(128),
});
export type RequestPathParams = z.infer<typeof RequestPathParams>;

import { z } from 'zod';
import { EXTERNAL_IDENTIFIER_TYPE, IDENTIFIER_TYPES } from './identifiers';

/** Options of the profile API, given by the app from its config. */
export interface ProfileApiOptions {
  /** Workspace read when a request has no X-Meridian-Workspace header. */
  readonly defaultWorkspaceId: string;
}

export const PROFILE_API_OPTIONS = Symbol('identity.profile-api-options');

export const WORKSPACE_HEADER = 'x-meridian-workspace';

const WorkspaceHeader = z.string().min(1).max(64);

export const LookupQuery = z.object({
  type: z.union([z.enum(IDENTIFIER_TYPES), z.string().regex(EXTERNAL_IDENTIFIER_TYPE)], {
    error: (issue) =>
      issue.input === undefined
        ? 'type is required'
        : `type must be one of ${IDENTIFIER_TYPES.join(', ')} or external:<type>`,
  }),
  value: z
    .string({ error: 'value is required (one value)' })
    .min(1, 'value is required')
    .max(512, 'value is at most 512 characters'),
});
export type LookupQuery = z.infer<typeof LookupQuery>;

export type Parsed<Value> = { ok: true; value: Value } | { ok: false; reason: string };

export function parseLookupQuery(query: unknown): Parsed<LookupQuery> {
  const parsed = LookupQuery.safeParse(query);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: parsed.error.issues.map((issue) => issue.message).join('; ') };
}

/** The request's workspace: its header when sent, else the configured default. */
export function workspaceOf(header: unknown, defaultWorkspaceId: string): Parsed<string> {
  if (header === undefined) return { ok: true, value: defaultWorkspaceId };
  const parsed = WorkspaceHeader.safeParse(header);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: `${WORKSPACE_HEADER} must be 1 to 64 characters` };
}

import { z } from 'zod';

/**
 * Workspace and source ids: lowercase slugs. They end up in subjects, keys and document
 * ids, so dots, spaces, "|" and "$" are kept out.
 */
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a slug: a-z, 0-9, "-" and "_", at most 64 long');

/** A human-readable name. */
export const DisplayName = z.string().trim().min(1).max(200);

/** A time as answered: ISO-8601 in UTC. */
export const Timestamp = z.iso.datetime();

export const WorkspaceParams = z.object({ workspaceId: Slug });
export type WorkspaceParams = z.infer<typeof WorkspaceParams>;

export const SourceParams = z.object({ workspaceId: Slug, sourceId: Slug });
export type SourceParams = z.infer<typeof SourceParams>;

/** An ISO string for a stored time. */
export function isoOf(date: Date): string {
  return date.toISOString();
}

/** An ISO string or null for an optional stored time. */
export function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

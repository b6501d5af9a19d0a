import type { z } from 'zod';
import type { AdminRole } from '../access/admin-role';

/** One admin route as documented: each feature exports a list of these. */
export interface AdminOperation {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** With OpenAPI placeholders: '/admin/v1/workspaces/{workspaceId}/...'. */
  readonly path: string;
  readonly summary: string;
  /** The least role the route requires. */
  readonly role: AdminRole;
  /** Groups operations in the document (e.g. 'Workspaces'). */
  readonly tag: string;
  /** Path parameters; every `{name}` of the path must be one of its keys. */
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** A JSON request body. */
  readonly body?: z.ZodType;
  /** Success answers by status; the error answers (400/401/403 …) are added for every route. */
  readonly responses: Record<number, { readonly description: string; readonly schema?: z.ZodType }>;
}

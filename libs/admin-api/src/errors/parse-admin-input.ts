import { z } from 'zod';
import { AdminApiError, type AdminApiIssue } from './admin-api-error';

/**
 * Validates admin input (a body, params or query) with a zod schema. Anything invalid is a
 * 400 `invalid_request` listing every issue with its path, so a client fixes them in one go.
 */
export function parseAdminInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues: AdminApiIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    code: issue.code,
    message: issue.message,
  }));
  // Params and query are always objects: undefined is a body that was not sent as JSON.
  const hint =
    value === undefined ? ' (no JSON body: send one with Content-Type: application/json)' : '';
  throw AdminApiError.invalid(
    `the request is invalid${hint}: ${z.prettifyError(parsed.error)}`,
    issues,
  );
}

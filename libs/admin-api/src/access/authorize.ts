import { bearerToken } from '@meridian/workspaces';
import { AdminApiError } from '../errors/admin-api-error';
import { actsOn, type AdminActor } from './admin-actor';
import { roleAllows, type AdminRole } from './admin-role';

/** What a route demands and what the request brings. */
export interface AccessRequest {
  readonly required: AdminRole;
  /** The Authorization header as sent. */
  readonly authorization: string | undefined;
  /** The route's :workspaceId param, when it has one. */
  readonly workspaceId: string | undefined;
}

/** Finds the active key a raw key is; null for unknown or revoked keys. */
export type AuthenticateAdminKey = (rawKey: string) => Promise<AdminActor | null>;

/**
 * The actor a request acts as, or the refusal: 401 without a usable key, 403 when the
 * key's role is too low or it belongs to another workspace. Pure apart from the lookup.
 */
export async function authorize(
  request: AccessRequest,
  authenticate: AuthenticateAdminKey,
): Promise<AdminActor> {
  const rawKey = bearerToken(request.authorization);
  if (rawKey === null)
    throw AdminApiError.unauthenticated('send an admin key as "Authorization: Bearer <key>"');
  const actor = await authenticate(rawKey);
  if (actor === null) throw AdminApiError.unauthenticated('the admin key is unknown or revoked');
  if (!roleAllows(actor.role, request.required))
    throw AdminApiError.forbidden(
      `this route needs the ${request.required} role; the key has ${actor.role}`,
    );
  if (request.workspaceId !== undefined && !actsOn(actor, request.workspaceId))
    throw AdminApiError.forbidden(
      `the admin key may not act on workspace "${request.workspaceId}"`,
    );
  return actor;
}

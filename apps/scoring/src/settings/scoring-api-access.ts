import { Injectable } from '@nestjs/common';
import { AdminKeyService, bearerToken, type AdminKeyIdentity } from '@meridian/workspaces';
import { z } from 'zod';
import { ScoringApiError } from './scoring-api-error';

/** The header an installation-wide admin key names the workspace with. */
export const WORKSPACE_HEADER = 'x-meridian-workspace';

const WorkspaceId = z.string().min(1).max(64);

/** What a request brings to be let in, as sent. */
export interface ScoringApiCredentials {
  /** `Bearer <admin key>`. */
  readonly authorization: unknown;
  /** The workspace the request names, if any (the x-meridian-workspace header). */
  readonly workspace: unknown;
}

/** Finds the active admin key a raw key is; null for an unknown or revoked one. */
export type AuthenticateAdminKey = (rawKey: string) => Promise<AdminKeyIdentity | null>;

/** Reading is open to every admin key; changing settings or starting a sweep needs more. */
export type AccessNeed = 'read' | 'change';

/**
 * Who may use scoring's HTTP APIs, and on which workspace, by the rules of identity's profile
 * API: any active admin key reads; owner and admin keys change. A workspace key acts on its own
 * workspace (naming another is refused); an installation-wide key must name one.
 * AdminKeyService caches look-ups for a second, so a revocation applies within it.
 */
@Injectable()
export class ScoringApiAccess {
  constructor(private readonly adminKeys: AdminKeyService) {}

  /** The workspace the request acts on; throws ScoringApiError (401, 403, 400) otherwise. */
  workspaceOf(headers: Readonly<Record<string, unknown>>, needs: AccessNeed): Promise<string> {
    return resolveWorkspace(
      { authorization: headers['authorization'], workspace: headers[WORKSPACE_HEADER] },
      (rawKey) => this.adminKeys.authenticate(rawKey),
      needs,
    );
  }
}

/** ScoringApiAccess.workspaceOf with the key look-up given: pure apart from it. */
export async function resolveWorkspace(
  credentials: ScoringApiCredentials,
  authenticate: AuthenticateAdminKey,
  needs: AccessNeed,
): Promise<string> {
  const rawKey = bearerToken(credentials.authorization);
  if (rawKey === null)
    throw ScoringApiError.unauthenticated('send an admin key as "Authorization: Bearer <key>"');
  const key = await authenticate(rawKey);
  if (key === null) throw ScoringApiError.unauthenticated('the admin key is unknown or revoked');
  if (needs === 'change' && key.role === 'read-only')
    throw ScoringApiError.forbidden('a read-only admin key may only read');
  const named = namedWorkspace(credentials.workspace);
  if (key.workspaceId === null) {
    if (named === undefined)
      throw ScoringApiError.invalid(
        `an installation-wide admin key must name the workspace (the ${WORKSPACE_HEADER} header)`,
      );
    return named;
  }
  if (named !== undefined && named !== key.workspaceId)
    throw ScoringApiError.forbidden(`the admin key may not act on workspace "${named}"`);
  return key.workspaceId;
}

function namedWorkspace(workspace: unknown): string | undefined {
  if (workspace === undefined || workspace === '') return undefined;
  const parsed = WorkspaceId.safeParse(workspace);
  if (!parsed.success)
    throw ScoringApiError.invalid('the workspace must be one value of 1 to 64 characters');
  return parsed.data;
}

import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ADMIN_KEY_CACHE_TTL_MS,
  AdminKeyService,
  bearerToken,
  hashWriteKey,
  type AdminKeyIdentity,
} from '@meridian/workspaces';
import { z } from 'zod';
import { ProfileApiError } from './profile-api-error';
import { ReadThroughCache } from './read-through-cache';

/** The header an installation-wide admin key names the workspace to read with. */
export const WORKSPACE_HEADER = 'x-meridian-workspace';

const WorkspaceId = z.string().min(1).max(64);

/** What a request brings to be let in, as sent: the HTTP headers or the gRPC metadata and field. */
export interface ProfileApiCredentials {
  /** `Bearer <admin key>`. */
  readonly authorization: unknown;
  /** The workspace the request names, if any; an empty string names none (proto3). */
  readonly workspace: unknown;
}

/** Finds the active admin key a raw key is; null for an unknown or revoked one. */
export type AuthenticateAdminKey = (rawKey: string) => Promise<AdminKeyIdentity | null>;

/** Active keys remembered at most, as AdminKeyService does. */
const MAX_REMEMBERED_KEYS = 10_000;
/** A key used within this long is looked up again in the background while it is not used. */
export const KEEP_KEYS_FRESH_MS = 60_000;
/** How often keys due a look-up are looked for: well within their max age. */
const KEY_REFRESH_TICK_MS = ADMIN_KEY_CACHE_TTL_MS / 4;

/**
 * Who may read profiles, and which workspace's: any active admin key (read-only is enough;
 * admin and owner keys may read too). A key of one workspace reads that workspace, and a
 * request naming another is refused; an installation-wide key must name the workspace.
 *
 * Active keys are remembered for ADMIN_KEY_CACHE_TTL_MS like AdminKeyService does, but
 * looked up again in the background from half that age, so a busy key never makes requests
 * wait for the store; a revocation is seen within that time plus AdminKeyService's own.
 * A key used in the last KEEP_KEYS_FRESH_MS is looked up again on a timer too, so a caller
 * that pauses between requests (a dashboard polling every few seconds) does not wait for
 * the store on its next one.
 */
@Injectable()
export class ProfileApiAccess implements OnModuleDestroy {
  private readonly logger = new Logger(ProfileApiAccess.name);
  private readonly activeKeys: ReadThroughCache<AdminKeyIdentity>;
  private readonly authenticate: AuthenticateAdminKey;
  private readonly keyRefresh: NodeJS.Timeout;

  constructor(adminKeys: AdminKeyService) {
    this.activeKeys = new ReadThroughCache({
      maxEntries: MAX_REMEMBERED_KEYS,
      maxAgeMs: ADMIN_KEY_CACHE_TTL_MS,
      onRefreshError: (error) =>
        this.logger.warn(`looking an admin key up again failed: ${String(error)}`),
    });
    // Keys are remembered by hash, never as sent; the workspace part of the key is unused.
    this.authenticate = (rawKey) =>
      this.activeKeys.read('', hashWriteKey(rawKey), () => adminKeys.authenticate(rawKey));
    this.keyRefresh = setInterval(
      () => this.activeKeys.refreshRecentlyRead(KEEP_KEYS_FRESH_MS),
      KEY_REFRESH_TICK_MS,
    ).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.keyRefresh);
  }

  /**
   * The workspace the request reads (or, with `needs` 'change', changes: owner and admin keys
   * only); throws ProfileApiError (401, 403, 400) otherwise.
   */
  workspaceOf(credentials: ProfileApiCredentials, needs: AccessNeed = 'read'): Promise<string> {
    return resolveWorkspace(credentials, this.authenticate, needs);
  }
}

/** Reading is open to every admin key; changing settings needs an owner or admin key. */
export type AccessNeed = 'read' | 'change';

/** ProfileApiAccess.workspaceOf with the key look-up given: pure apart from it. */
export async function resolveWorkspace(
  credentials: ProfileApiCredentials,
  authenticate: AuthenticateAdminKey,
  needs: AccessNeed = 'read',
): Promise<string> {
  const rawKey = bearerToken(credentials.authorization);
  if (rawKey === null)
    throw ProfileApiError.unauthenticated('send an admin key as "Authorization: Bearer <key>"');
  const key = await authenticate(rawKey);
  if (key === null) throw ProfileApiError.unauthenticated('the admin key is unknown or revoked');
  if (needs === 'change' && key.role === 'read-only')
    throw ProfileApiError.forbidden('a read-only admin key may not change settings');
  const named = namedWorkspace(credentials.workspace);
  if (key.workspaceId === null) {
    if (named === undefined)
      throw ProfileApiError.invalid(
        `an installation-wide admin key must name the workspace to read (the ${WORKSPACE_HEADER} header; workspace_id over gRPC)`,
      );
    return named;
  }
  if (named !== undefined && named !== key.workspaceId)
    throw ProfileApiError.forbidden(`the admin key may not read workspace "${named}"`);
  return key.workspaceId;
}

function namedWorkspace(workspace: unknown): string | undefined {
  if (workspace === undefined || workspace === '') return undefined;
  const parsed = WorkspaceId.safeParse(workspace);
  if (!parsed.success)
    throw ProfileApiError.invalid('the workspace must be one value of 1 to 64 characters');
  return parsed.data;
}

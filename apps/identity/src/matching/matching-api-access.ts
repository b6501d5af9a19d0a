import { Injectable } from '@nestjs/common';
import { AdminKeyService, type AdminKeyIdentity } from '@meridian/workspaces';
import { ProfileApiError, resolveWorkspace, WORKSPACE_HEADER } from '../profile-api';

/** Who calls the matching API: the workspace acted on and the admin key acting. */
export interface MatchingCaller {
  readonly workspaceId: string;
  readonly keyId: string;
}

/**
 * The profile API's rules for the matching API: any active admin key reads (a workspace key
 * its own workspace, an installation-wide key the one it names in x-meridian-workspace);
 * fitting, setting thresholds and deciding reviews need an owner or admin key. The key's id is
 * kept, so a decision records who made it.
 */
@Injectable()
export class MatchingApiAccess {
  constructor(private readonly adminKeys: AdminKeyService) {}

  /** `action` completes "a read-only admin key may not …" when a change is refused. */
  async callerOf(
    headers: Readonly<Record<string, unknown>>,
    change?: { readonly action: string },
  ): Promise<MatchingCaller> {
    const seen: { key?: AdminKeyIdentity } = {};
    const workspaceId = await resolveWorkspace(
      { authorization: headers['authorization'], workspace: headers[WORKSPACE_HEADER] },
      async (rawKey) => {
        const key = await this.adminKeys.authenticate(rawKey);
        if (key !== null) seen.key = key;
        return key;
      },
    );
    if (seen.key === undefined) throw new Error('an admin key was accepted but not seen');
    if (change !== undefined && seen.key.role === 'read-only')
      throw ProfileApiError.forbidden(`a read-only admin key may not ${change.action}`);
    return { workspaceId, keyId: seen.key.keyId };
  }
}

import type { AdminKeyIdentity, AdminKeyService } from '@meridian/workspaces';
import { ProfileApiError } from '../profile-api';
import { MatchingApiAccess } from './matching-api-access';

const KEYS: Record<string, AdminKeyIdentity> = {
  reader: { keyId: 'ak_reader', role: 'read-only', workspaceId: 'ws-1' },
  admin: { keyId: 'ak_admin', role: 'admin', workspaceId: 'ws-1' },
  installation: { keyId: 'ak_owner', role: 'owner', workspaceId: null },
};

const adminKeys = {
  authenticate: async (rawKey: string) => KEYS[rawKey] ?? null,
} as unknown as AdminKeyService;
const access = new MatchingApiAccess(adminKeys);
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function refusal(promise: Promise<unknown>): Promise<ProfileApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProfileApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('MatchingApiAccess', () => {
  it('lets any admin key read its workspace and names the key', async () => {
    expect(await access.callerOf(bearer('reader'))).toEqual({
      workspaceId: 'ws-1',
      keyId: 'ak_reader',
    });
  });

  it('lets owner and admin keys change, naming the key that decided', async () => {
    expect(await access.callerOf(bearer('admin'), { action: 'decide match reviews' })).toEqual({
      workspaceId: 'ws-1',
      keyId: 'ak_admin',
    });
    expect(
      await access.callerOf(
        { ...bearer('installation'), 'x-meridian-workspace': 'ws-9' },
        { action: 'fit' },
      ),
    ).toEqual({ workspaceId: 'ws-9', keyId: 'ak_owner' });
  });

  it('refuses a read-only key a change with 403, saying what it may not do', async () => {
    const error = await refusal(
      access.callerOf(bearer('reader'), { action: 'decide match reviews' }),
    );

    expect(error.status).toBe(403);
    expect(error.message).toBe('a read-only admin key may not decide match reviews');
  });

  it('refuses a missing or unknown key with 401', async () => {
    expect((await refusal(access.callerOf({}))).status).toBe(401);
    expect((await refusal(access.callerOf(bearer('nobody')))).status).toBe(401);
  });
});

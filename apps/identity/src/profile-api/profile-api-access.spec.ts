import type { AdminKeyIdentity } from '@meridian/workspaces';
import { resolveWorkspace, type AuthenticateAdminKey } from './profile-api-access';
import { ProfileApiError } from './profile-api-error';

const keys: Record<string, AdminKeyIdentity> = {
  reader: { keyId: 'ak_1', role: 'read-only', workspaceId: 'ws-a' },
  owner: { keyId: 'ak_2', role: 'owner', workspaceId: null },
};
const authenticate: AuthenticateAdminKey = async (rawKey) => keys[rawKey] ?? null;

const access = (authorization: unknown, workspace?: unknown) =>
  resolveWorkspace({ authorization, workspace }, authenticate);

async function refusal(attempt: Promise<unknown>) {
  const error: unknown = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ProfileApiError)) throw new Error(`expected a refusal, got ${error}`);
  return { status: error.status, code: error.code };
}

describe('the workspace a profile API request reads', () => {
  it("is the workspace key's own, named or not", async () => {
    expect(await access('Bearer reader')).toBe('ws-a');
    expect(await access('Bearer reader', 'ws-a')).toBe('ws-a');
    expect(await access('bearer  reader ', '')).toBe('ws-a');
  });

  it('is the one an installation-wide key names', async () => {
    expect(await access('Bearer owner', 'ws-z')).toBe('ws-z');
  });

  it('is refused without a usable key (401)', async () => {
    for (const authorization of [
      undefined,
      'Basic abc',
      'Bearer',
      'Bearer unknown',
      ['Bearer reader'],
    ])
      expect(await refusal(access(authorization))).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
  });

  it('is refused for another workspace than the key’s (403)', async () => {
    expect(await refusal(access('Bearer reader', 'ws-b'))).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });

  it('must be named by an installation-wide key, as one valid value (400)', async () => {
    expect(await refusal(access('Bearer owner'))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await refusal(access('Bearer owner', 'w'.repeat(65)))).toEqual({
      status: 400,
      code: 'invalid_request',
    });
    expect(await refusal(access('Bearer owner', ['ws-a', 'ws-b']))).toEqual({
      status: 400,
      code: 'invalid_request',
    });
  });
});

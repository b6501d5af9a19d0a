import type { AdminKeyIdentity } from '@meridian/workspaces';
import { resolveWorkspace, type AccessNeed, type AuthenticateAdminKey } from './scoring-api-access';
import { ScoringApiError } from './scoring-api-error';

const keys: Record<string, AdminKeyIdentity> = {
  reader: { keyId: 'ak_1', role: 'read-only', workspaceId: 'ws-a' },
  admin: { keyId: 'ak_2', role: 'admin', workspaceId: 'ws-a' },
  owner: { keyId: 'ak_3', role: 'owner', workspaceId: null },
};
const authenticate: AuthenticateAdminKey = async (rawKey) => keys[rawKey] ?? null;

const access = (authorization: unknown, workspace?: unknown, needs: AccessNeed = 'read') =>
  resolveWorkspace({ authorization, workspace }, authenticate, needs);

async function refusal(attempt: Promise<unknown>) {
  const error: unknown = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ScoringApiError)) throw new Error(`expected a refusal, got ${error}`);
  return { status: error.status, code: error.code };
}

describe('the workspace a scoring API request acts on', () => {
  it("is the workspace key's own, or the one an installation-wide key names", async () => {
    expect(await access('Bearer reader')).toBe('ws-a');
    expect(await access('Bearer admin', 'ws-a', 'change')).toBe('ws-a');
    expect(await access('Bearer owner', 'ws-z', 'change')).toBe('ws-z');
  });

  it('is refused without a usable key (401)', async () => {
    for (const authorization of [undefined, 'Basic abc', 'Bearer unknown'])
      expect(await refusal(access(authorization))).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
  });

  it('is refused to a read-only key for a change, and for another workspace (403)', async () => {
    expect(await refusal(access('Bearer reader', undefined, 'change'))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(await refusal(access('Bearer admin', 'ws-b'))).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });

  it('must be named, as one valid value, by an installation-wide key (400)', async () => {
    expect(await refusal(access('Bearer owner'))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await refusal(access('Bearer owner', ['ws-a', 'ws-b']))).toEqual({
      status: 400,
      code: 'invalid_request',
    });
  });
});

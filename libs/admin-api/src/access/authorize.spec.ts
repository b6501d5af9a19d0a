import { AdminApiError } from '../errors/admin-api-error';
import type { AdminActor } from './admin-actor';
import { roleAllows, type AdminRole } from './admin-role';
import { authorize, type AuthenticateAdminKey } from './authorize';

const keys: Record<string, AdminActor> = {
  'installation-owner': { keyId: 'ak_1', role: 'owner', workspaceId: null },
  'ws-admin': { keyId: 'ak_2', role: 'admin', workspaceId: 'ws-a' },
  'ws-reader': { keyId: 'ak_3', role: 'read-only', workspaceId: 'ws-a' },
};
const authenticate: AuthenticateAdminKey = async (rawKey) => keys[rawKey] ?? null;

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AdminApiError)) throw new Error(`expected an AdminApiError, got ${error}`);
  return { status: error.status, code: error.code };
};

const access = (key: string | undefined, required: AdminRole, workspaceId?: string) =>
  authorize(
    {
      required,
      authorization: key === undefined ? undefined : `Bearer ${key}`,
      workspaceId,
    },
    authenticate,
  );

describe('roleAllows', () => {
  it('ranks owner above admin above read-only', () => {
    const roles: AdminRole[] = ['read-only', 'admin', 'owner'];
    const allowed = roles.flatMap((held) =>
      roles
        .filter((required) => roleAllows(held, required))
        .map((required) => `${held}>=${required}`),
    );
    expect(allowed).toEqual([
      'read-only>=read-only',
      'admin>=read-only',
      'admin>=admin',
      'owner>=read-only',
      'owner>=admin',
      'owner>=owner',
    ]);
  });
});

describe('authorize', () => {
  it('answers the actor of a key whose role and workspace fit', async () => {
    await expect(access('ws-admin', 'read-only', 'ws-a')).resolves.toEqual(keys['ws-admin']);
    await expect(access('ws-admin', 'admin')).resolves.toEqual(keys['ws-admin']);
  });

  it('lets an installation-wide key act on every workspace', async () => {
    await expect(access('installation-owner', 'owner', 'any-ws')).resolves.toEqual(
      keys['installation-owner'],
    );
  });

  it('refuses a missing, malformed or unknown key with 401', async () => {
    expect(await refusal(access(undefined, 'read-only'))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    expect(
      await refusal(
        authorize(
          { required: 'read-only', authorization: 'Basic abc', workspaceId: undefined },
          authenticate,
        ),
      ),
    ).toEqual({ status: 401, code: 'unauthenticated' });
    expect(await refusal(access('unknown', 'read-only'))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
  });

  it('refuses a role below the route with 403', async () => {
    expect(await refusal(access('ws-reader', 'admin', 'ws-a'))).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });

  it("refuses a workspace key on another workspace's route with 403", async () => {
    expect(await refusal(access('ws-admin', 'read-only', 'ws-b'))).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });
});

import { testInfra, uniqueNamespace } from '@meridian/testing';
import { IngestionTestBed, type IngestionInstance } from '../testing/ingestion-test-bed';
import { adminCall, field, seedAdminKey } from './admin-test-client';

const OWNER = 'access-owner-key';

describe('admin API access and errors on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('adminacc');
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    key: string | null,
    body?: unknown,
  ) => adminCall(ingestion, method, path, key, body);

  /** Creates a workspace and a source in it as the installation owner. */
  const workspaceWithSource = async (workspaceId: string, sourceId = 'web') => {
    expect(
      (await call('POST', '/admin/v1/workspaces', OWNER, { workspaceId, name: workspaceId }))
        .status,
    ).toBe(201);
    expect(
      (
        await call('POST', `/admin/v1/workspaces/${workspaceId}/sources`, OWNER, {
          sourceId,
          name: 'Web',
        })
      ).status,
    ).toBe(201);
  };

  /** An admin key created through the API; answers the raw key. */
  const keyFor = async (role: string, workspaceId: string | null) =>
    field(
      await call('POST', '/admin/v1/admin-keys', OWNER, { name: `${role} key`, role, workspaceId }),
      'key',
    );

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 1 });
    ingestion = await bed.startInstance();
    await seedAdminKey(ingestion, OWNER, 'owner', null);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('serves no admin route on an instance started with ADMIN_API_ENABLED=false', async () => {
    const ingestOnly = await bed.startInstance({ ADMIN_API_ENABLED: 'false' });
    const answer = await adminCall(ingestOnly, 'GET', '/admin/v1/workspaces', OWNER);
    expect(answer.status).toBe(404);
    expect((await adminCall(ingestOnly, 'GET', '/admin/v1/openapi.json', null)).status).toBe(404);
  });

  describe('401 unauthenticated', () => {
    it('refuses a request without an Authorization header', async () => {
      expect(await call('GET', '/admin/v1/workspaces', null)).toEqual({
        status: 401,
        body: {
          error: {
            code: 'unauthenticated',
            message: 'send an admin key as "Authorization: Bearer <key>"',
          },
        },
      });
    });

    it('refuses an unknown key, and a write key used as an admin key', async () => {
      await bed.seed({ workspaceId: 'acc-wk', sourceId: 'web', writeKey: 'acc-write-key' });
      for (const key of ['no-such-admin-key', 'acc-write-key']) {
        const answer = await call('GET', '/admin/v1/workspaces', key);
        expect(answer).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
      }
    });

    it('refuses a key once it is revoked', async () => {
      const created = await call('POST', '/admin/v1/admin-keys', OWNER, {
        name: 'short-lived',
        role: 'admin',
        workspaceId: null,
      });
      const key = field(created, 'key');
      expect((await call('GET', '/admin/v1/workspaces', key)).status).toBe(200);

      const revoked = await call(
        'DELETE',
        `/admin/v1/admin-keys/${field(created, 'keyId')}`,
        OWNER,
      );

      expect(revoked).toMatchObject({ status: 200, body: { revokedAt: expect.any(String) } });
      expect(await call('GET', '/admin/v1/workspaces', key)).toMatchObject({
        status: 401,
        body: {
          error: { code: 'unauthenticated', message: 'the admin key is unknown or revoked' },
        },
      });
    });
  });

  describe('403 forbidden', () => {
    it('refuses a route needing a higher role than the key has', async () => {
      await workspaceWithSource('acc-role');
      const readOnly = await keyFor('read-only', 'acc-role');

      expect((await call('GET', '/admin/v1/workspaces/acc-role/sources', readOnly)).status).toBe(
        200,
      );
      expect(
        await call('POST', '/admin/v1/workspaces/acc-role/sources', readOnly, {
          sourceId: 'app',
          name: 'App',
        }),
      ).toEqual({
        status: 403,
        body: {
          error: {
            code: 'forbidden',
            message: 'this route needs the admin role; the key has read-only',
          },
        },
      });
    });

    it("refuses a workspace key on another workspace's routes", async () => {
      await workspaceWithSource('acc-mine');
      await workspaceWithSource('acc-theirs');
      const owner = await keyFor('owner', 'acc-mine');

      expect((await call('GET', '/admin/v1/workspaces/acc-mine', owner)).status).toBe(200);
      for (const path of [
        '/admin/v1/workspaces/acc-theirs',
        '/admin/v1/workspaces/acc-theirs/sources/web/write-keys',
        '/admin/v1/workspaces/acc-theirs/audit-log',
      ]) {
        expect(await call('GET', path, owner)).toMatchObject({
          status: 403,
          body: { error: { code: 'forbidden' } },
        });
      }
      expect(
        (await call('POST', '/admin/v1/workspaces/acc-theirs/sources/web/write-keys', owner))
          .status,
      ).toBe(403);
    });

    it('keeps a workspace owner to its workspace: no workspaces, no installation-wide or foreign keys', async () => {
      await workspaceWithSource('acc-ws-owner');
      const owner = await keyFor('owner', 'acc-ws-owner');
      const attempts = [
        call('POST', '/admin/v1/workspaces', owner, { workspaceId: 'acc-new', name: 'New' }),
        call('POST', '/admin/v1/admin-keys', owner, {
          name: 'x',
          role: 'owner',
          workspaceId: null,
        }),
        call('POST', '/admin/v1/admin-keys', owner, {
          name: 'x',
          role: 'owner',
          workspaceId: 'acc-theirs',
        }),
      ];
      for (const answer of await Promise.all(attempts)) {
        expect(answer).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      }
      const own = await call('POST', '/admin/v1/admin-keys', owner, { name: 'y', role: 'admin' });
      expect(own).toMatchObject({ status: 201, body: { workspaceId: 'acc-ws-owner' } });
    });

    it('lists only its own workspace to a workspace key, every workspace to an installation-wide one', async () => {
      await workspaceWithSource('acc-list');
      const readOnly = await keyFor('read-only', 'acc-list');

      const mine = await call('GET', '/admin/v1/workspaces', readOnly);
      const all = await call('GET', '/admin/v1/workspaces', OWNER);

      expect(mine.body).toEqual({
        workspaces: [
          {
            workspaceId: 'acc-list',
            name: 'acc-list',
            createdAt: expect.any(String),
            settings: {},
          },
        ],
      });
      expect(JSON.stringify(all.body)).toContain('"acc-role"');
    });
  });

  describe('404 not_found', () => {
    it('answers unknown workspaces, sources and keys', async () => {
      await workspaceWithSource('acc-404');
      for (const [method, path] of [
        ['GET', '/admin/v1/workspaces/acc-nowhere'],
        ['GET', '/admin/v1/workspaces/acc-nowhere/sources'],
        ['GET', '/admin/v1/workspaces/acc-404/sources/nowhere'],
        ['POST', '/admin/v1/workspaces/acc-404/sources/nowhere/write-keys'],
        ['POST', '/admin/v1/workspaces/acc-nowhere/sources/web/write-keys'],
        ['DELETE', '/admin/v1/workspaces/acc-404/sources/web/write-keys/wk_nothing'],
        ['GET', '/admin/v1/workspaces/acc-404/sources/web/settings'],
        ['DELETE', '/admin/v1/admin-keys/ak_nothing'],
      ] as const) {
        const answer = await call(method, path, OWNER);
        expect({ path, ...answer }).toMatchObject({
          path,
          status: 404,
          body: { error: { code: 'not_found' } },
        });
      }
    });
  });

  describe('409 conflict', () => {
    it('refuses a second workspace or source with the same id, keeping the first', async () => {
      await workspaceWithSource('acc-dup');

      const workspace = await call('POST', '/admin/v1/workspaces', OWNER, {
        workspaceId: 'acc-dup',
        name: 'Other name',
      });
      const source = await call('POST', '/admin/v1/workspaces/acc-dup/sources', OWNER, {
        sourceId: 'web',
        name: 'Other name',
      });

      expect(workspace).toEqual({
        status: 409,
        body: { error: { code: 'conflict', message: 'workspace "acc-dup" already exists' } },
      });
      expect(source).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
      expect(await call('GET', '/admin/v1/workspaces/acc-dup/sources/web', OWNER)).toMatchObject({
        status: 200,
        body: { name: 'Web' },
      });
    });
  });

  describe('400 invalid_request', () => {
    it('lists every problem of an invalid body with its path', async () => {
      const answer = await call('POST', '/admin/v1/workspaces', OWNER, {
        workspaceId: 'Not A Slug',
        extra: true,
      });

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        error: {
          code: 'invalid_request',
          issues: expect.arrayContaining([
            expect.objectContaining({ path: ['workspaceId'] }),
            expect.objectContaining({ path: ['name'] }),
            expect.objectContaining({ code: 'unrecognized_keys' }),
          ]),
        },
      });
    });

    it('refuses a body that is not JSON', async () => {
      const answer = await call('POST', '/admin/v1/workspaces', OWNER, '{"workspaceId":');
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    });

    it('refuses an invalid tracking plan with its issues and keeps the settings stored before', async () => {
      await workspaceWithSource('acc-plan');
      const path = '/admin/v1/workspaces/acc-plan/sources/web/settings';
      await call('PUT', path, OWNER, { missingConsentPolicy: 'refuse' });

      const answer = await call('PUT', path, OWNER, {
        missingConsentPolicy: 'accept',
        trackingPlan: { mode: 'block', events: { Signup: { type: 'array' } } },
      });

      expect(answer).toMatchObject({
        status: 400,
        body: {
          error: {
            code: 'invalid_request',
            issues: [expect.objectContaining({ path: ['events', 'Signup', 'type'] })],
          },
        },
      });
      expect(await call('GET', path, OWNER)).toMatchObject({
        status: 200,
        body: { missingConsentPolicy: 'refuse', revision: 1 },
      });
    });
  });
});

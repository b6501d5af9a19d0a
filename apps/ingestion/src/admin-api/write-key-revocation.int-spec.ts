import { testInfra, uniqueNamespace, waitFor } from '@meridian/testing';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';
import { adminCall, field, seedAdminKey } from './admin-test-client';

const OWNER = 'revocation-owner-key';

describe('write-key revocation through the admin API across two ingestion instances', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('adminrev');
  let bed: IngestionTestBed;
  let first: IngestionInstance;
  let second: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 1 });
    first = await bed.startInstance();
    second = await bed.startInstance();
    await seedAdminKey(first, OWNER, 'owner', null);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('refuses the key on the revoking instance at once and on the other within about a second', async () => {
    await adminCall(first, 'POST', '/admin/v1/workspaces', OWNER, {
      workspaceId: 'rev',
      name: 'R',
    });
    await adminCall(first, 'POST', '/admin/v1/workspaces/rev/sources', OWNER, {
      sourceId: 'web',
      name: 'Web',
    });
    const path = '/admin/v1/workspaces/rev/sources/web/write-keys';
    const created = await adminCall(first, 'POST', path, OWNER);
    const writeKey = field(created, 'key');
    const send = (instance: IngestionInstance) =>
      postJson(
        `${instance.url}/v1/identify`,
        { userId: 'u-rev' },
        { authorization: basicAuthHeader(writeKey) },
      );
    // The second instance now holds the key in its cache as valid.
    expect((await send(second)).status).toBe(200);

    const revoked = await adminCall(first, 'DELETE', `${path}/${field(created, 'keyId')}`, OWNER);

    expect(revoked).toMatchObject({ status: 200, body: { revokedAt: expect.any(String) } });
    expect((await send(first)).status).toBe(401);
    const refused = await waitFor(
      async () => {
        const response = await send(second);
        return response.status === 401 ? response : undefined;
      },
      { description: 'the other instance to refuse the revoked key', timeoutMs: 2_500 },
    );
    expect(await refused.json()).toMatchObject({ code: 'INVALID_WRITE_KEY' });
    // The second instance reads the revocation from the shared store, as the listing shows.
    expect(await adminCall(second, 'GET', path, OWNER)).toMatchObject({
      status: 200,
      body: { writeKeys: [expect.objectContaining({ revokedAt: expect.any(String) })] },
    });
  });

  it('refuses a revoked admin key on the other instance within about a second', async () => {
    const created = await adminCall(first, 'POST', '/admin/v1/admin-keys', OWNER, {
      name: 'temporary',
      role: 'read-only',
      workspaceId: null,
    });
    const key = field(created, 'key');
    expect((await adminCall(second, 'GET', '/admin/v1/workspaces', key)).status).toBe(200);

    await adminCall(first, 'DELETE', `/admin/v1/admin-keys/${field(created, 'keyId')}`, OWNER);

    expect((await adminCall(first, 'GET', '/admin/v1/workspaces', key)).status).toBe(401);
    await waitFor(
      async () => (await adminCall(second, 'GET', '/admin/v1/workspaces', key)).status === 401,
      { description: 'the other instance to refuse the revoked admin key', timeoutMs: 2_500 },
    );
  });
});

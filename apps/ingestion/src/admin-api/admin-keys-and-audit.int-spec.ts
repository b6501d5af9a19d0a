import { PERSISTENCE_DB, type Database } from '@meridian/persistence';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import {
  hashWriteKey,
  keyIdOfWriteKey,
  writeKeysCollection,
  type WriteKeyDocument,
} from '@meridian/workspaces';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';
import { adminCall, field, seedAdminKey, type AdminAnswer } from './admin-test-client';

const OWNER = 'keys-owner-key';

describe('admin API keys, settings and audit log on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('adminkeys');
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;
  let ownerKeyId: string;
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    key: string | null,
    body?: unknown,
  ) => adminCall(ingestion, method, path, key, body);
  const track = (writeKey: string) =>
    postJson(
      `${ingestion.url}/v1/track`,
      { userId: 'u-1', event: 'Signed Up' },
      { authorization: basicAuthHeader(writeKey) },
    );
  const created = async (answer: Promise<AdminAnswer>) => {
    const settled = await answer;
    expect({ status: settled.status, body: settled.body }).toMatchObject({ status: 201 });
    return settled;
  };

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 1 });
    ingestion = await bed.startInstance();
    await seedAdminKey(ingestion, OWNER, 'owner', null);
    const listed = await call('GET', '/admin/v1/admin-keys', OWNER);
    ownerKeyId = JSON.stringify(listed.body).match(/"keyId":"(ak_[0-9a-f]+)"/)?.[1] ?? '';
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('shows an admin key once, at creation, and lists it without its secret', async () => {
    const answer = await created(
      call('POST', '/admin/v1/admin-keys', OWNER, { name: 'CI', role: 'admin', workspaceId: null }),
    );
    const key = field(answer, 'key');

    const listed = await call('GET', '/admin/v1/admin-keys', OWNER);

    expect(answer.body).toEqual({
      keyId: expect.stringMatching(/^ak_/),
      name: 'CI',
      role: 'admin',
      workspaceId: null,
      createdAt: expect.any(String),
      revokedAt: null,
      key: expect.stringMatching(/^mak_/),
    });
    expect(JSON.stringify(listed.body)).toContain(field(answer, 'keyId'));
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(JSON.stringify(listed.body)).not.toContain('"key"');
  });

  it('creates a write key that ingests at once, shows it once and lists only its prefix', async () => {
    await created(
      call('POST', '/admin/v1/workspaces', OWNER, { workspaceId: 'keys-ws', name: 'K' }),
    );
    await created(
      call('POST', '/admin/v1/workspaces/keys-ws/sources', OWNER, { sourceId: 'web', name: 'Web' }),
    );
    const path = '/admin/v1/workspaces/keys-ws/sources/web/write-keys';

    const answer = await created(call('POST', path, OWNER));
    const writeKey = field(answer, 'key');
    const listed = await call('GET', path, OWNER);

    expect((await track(writeKey)).status).toBe(200);
    expect(writeKey.startsWith(field(answer, 'prefix'))).toBe(true);
    expect(listed.body).toEqual({
      writeKeys: [
        {
          keyId: field(answer, 'keyId'),
          workspaceId: 'keys-ws',
          sourceId: 'web',
          prefix: field(answer, 'prefix'),
          createdAt: expect.any(String),
          revokedAt: null,
        },
      ],
    });
    expect(JSON.stringify(listed.body)).not.toContain(writeKey);
  });

  it('lists and revokes a write key stored before keys had ids', async () => {
    await created(
      call('POST', '/admin/v1/workspaces', OWNER, { workspaceId: 'keys-old', name: 'O' }),
    );
    await created(
      call('POST', '/admin/v1/workspaces/keys-old/sources', OWNER, { sourceId: 'web', name: 'W' }),
    );
    const legacy: WriteKeyDocument = {
      _id: hashWriteKey('legacy-write-key'),
      workspaceId: 'keys-old',
      sourceId: 'web',
      createdAt: new Date(),
      revokedAt: null,
    };
    await ingestion.app
      .get<symbol, Database>(PERSISTENCE_DB)
      .collection<WriteKeyDocument>(writeKeysCollection.name)
      .insertOne(legacy);
    const keyId = keyIdOfWriteKey(legacy._id);
    const path = '/admin/v1/workspaces/keys-old/sources/web/write-keys';

    expect((await call('GET', path, OWNER)).body).toEqual({
      writeKeys: [expect.objectContaining({ keyId, prefix: null, revokedAt: null })],
    });
    expect((await call('DELETE', `${path}/${keyId}`, OWNER)).status).toBe(200);
    expect((await track('legacy-write-key')).status).toBe(401);
  });

  it('stores source settings, and starts new sources with the workspace default consent policy', async () => {
    await created(
      call('POST', '/admin/v1/workspaces', OWNER, {
        workspaceId: 'keys-strict',
        name: 'Strict',
        settings: { missingConsentPolicy: 'refuse' },
      }),
    );
    await created(
      call('POST', '/admin/v1/workspaces/keys-strict/sources', OWNER, {
        sourceId: 'web',
        name: 'W',
      }),
    );
    const path = '/admin/v1/workspaces/keys-strict/sources/web/settings';
    expect((await call('GET', path, OWNER)).body).toMatchObject({ missingConsentPolicy: 'refuse' });

    const plan = {
      mode: 'block',
      events: { Signup: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' } },
    };
    const put = await call('PUT', path, OWNER, {
      missingConsentPolicy: 'accept',
      defaultPhoneRegion: 'DE',
      trackingPlan: plan,
    });

    expect(put).toMatchObject({ status: 200, body: { revision: 2 } });
    expect((await call('GET', path, OWNER)).body).toEqual({
      workspaceId: 'keys-strict',
      sourceId: 'web',
      missingConsentPolicy: 'accept',
      defaultPhoneRegion: 'DE',
      trackingPlan: plan,
      updatedAt: expect.any(String),
      revision: 2,
    });
  });

  it('records every mutation in the audit log, newest first, in pages', async () => {
    const ws = 'keys-audit';
    await created(call('POST', '/admin/v1/workspaces', OWNER, { workspaceId: ws, name: 'A' }));
    await created(
      call('POST', `/admin/v1/workspaces/${ws}/sources`, OWNER, { sourceId: 'web', name: 'W' }),
    );
    const keysPath = `/admin/v1/workspaces/${ws}/sources/web/write-keys`;
    const writeKeyId = field(await created(call('POST', keysPath, OWNER)), 'keyId');
    await call('DELETE', `${keysPath}/${writeKeyId}`, OWNER);
    await call('PUT', `/admin/v1/workspaces/${ws}/sources/web/settings`, OWNER, {
      missingConsentPolicy: 'accept',
    });
    const adminKey = await created(
      call('POST', '/admin/v1/admin-keys', OWNER, {
        name: 'A',
        role: 'read-only',
        workspaceId: ws,
      }),
    );
    await call('DELETE', `/admin/v1/admin-keys/${field(adminKey, 'keyId')}`, OWNER);

    const first = await call('GET', `/admin/v1/workspaces/${ws}/audit-log?limit=4`, OWNER);
    const cursor = field({ status: 200, body: first.body }, 'nextCursor');
    const second = await call(
      'GET',
      `/admin/v1/workspaces/${ws}/audit-log?limit=4&cursor=${encodeURIComponent(cursor)}`,
      OWNER,
    );

    const actions = (answer: AdminAnswer) =>
      (answer.body as { entries: { action: string }[] }).entries.map((entry) => entry.action);
    expect([...actions(first), ...actions(second)]).toEqual([
      'admin-key.revoke',
      'admin-key.create',
      'source-settings.update',
      'write-key.revoke',
      'write-key.create',
      'source.create',
      'workspace.create',
    ]);
    expect((second.body as { nextCursor: unknown }).nextCursor).toBeNull();
    expect((first.body as { entries: unknown[] }).entries[0]).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      workspaceId: ws,
      actor: { keyId: ownerKeyId, role: 'owner' },
      action: 'admin-key.revoke',
      target: { type: 'admin-key', id: field(adminKey, 'keyId') },
    });
  });

  it('lists installation-wide actions to installation-wide keys only', async () => {
    const answer = await created(
      call('POST', '/admin/v1/admin-keys', OWNER, {
        name: 'ops',
        role: 'read-only',
        workspaceId: null,
      }),
    );
    await created(
      call('POST', '/admin/v1/workspaces', OWNER, { workspaceId: 'keys-install', name: 'A' }),
    );
    const scoped = await created(
      call('POST', '/admin/v1/admin-keys', OWNER, {
        name: 'ws reader',
        role: 'read-only',
        workspaceId: 'keys-install',
      }),
    );

    const listed = await call('GET', '/admin/v1/audit-log?limit=50', field(answer, 'key'));
    const refused = await call('GET', '/admin/v1/audit-log', field(scoped, 'key'));

    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).toContain(
      `"action":"admin-key.create","target":{"type":"admin-key","id":"${field(answer, 'keyId')}"}`,
    );
    expect(JSON.stringify(listed.body)).not.toContain(field(scoped, 'keyId'));
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
  });

  it('serves the OpenAPI document without authentication', async () => {
    const answer = await call('GET', '/admin/v1/openapi.json', null);
    expect(answer).toMatchObject({ status: 200, body: { openapi: '3.1.0' } });
  });
});

import type { INestApplication } from '@nestjs/common';
import { EventsResolvedV1, subjects } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { openDatabase, type DatabaseHandle } from '@meridian/persistence';
import { createTestNamespace, findReferences, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { z } from 'zod';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { identifyEvent } from '../test-support/events';

const PARTITIONS = 2;
const WORKSPACE = 'ws-pii';
const ADMIN_KEY = 'pii-admin';
const WAIT_MS = 20_000;
const NEW_KEY = `next:${Buffer.alloc(32, 7).toString('base64')}`;
const ADA = {
  email: 'Ada.Lovelace@Example.com',
  phone: '+441234567890',
  firstName: 'Ada',
  lastName: 'Lovelace',
  address: { street: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH' },
};
const CLEAR_TEXTS = ['ada.lovelace@example.com', '441234567890', 'Lovelace', 'St James Square'];
const Status = z.object({ currentKeyId: z.string(), awaiting: z.number() });
const Requested = z.object({ currentKeyId: z.string(), requested: z.number() });
const Profile = z.object({ profileId: z.string(), traits: z.record(z.string(), z.unknown()) });
const SearchPage = z.object({ items: z.array(z.object({ profileId: z.string() })) });

describe('PII at rest and key rotation (identity in process, real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let database: DatabaseHandle;
  let app: INestApplication | undefined;
  let baseUrl: string;
  let adaProfileId: string;

  /** Identity with the namespace's keys, or with a rotation's keys in their place. */
  async function startIdentity(pii: Record<string, string> = {}) {
    await app?.close();
    app = await createIdentityApp(loadIdentityConfig(namespace.env({ GRPC_PORT: '0', ...pii })), {
      logDestination: { write: () => undefined },
    });
    baseUrl = await listenInProcess(app);
    return app;
  }

  const call = async (method: 'GET' | 'POST', path: string) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'x-meridian-workspace': WORKSPACE },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'pii', partitions: PARTITIONS });
    database = await openDatabase(namespace.infra.mongoUrl, namespace.name);
    const started = await startIdentity();
    await started
      .get(AdminKeyService)
      .seed({ rawKey: ADMIN_KEY, name: 'admin', role: 'admin', workspaceId: WORKSPACE });
    const identify = identifyEvent(ADA, {
      workspaceId: WORKSPACE,
      userId: 'user-ada',
      partitions: PARTITIONS,
    });
    await started
      .get(JetStreamPublisher)
      .publish(subjects.ingest(identify.payload.partition), identify);
    const resolved = await waitFor(
      async () =>
        (await namespace.readStream('EVENTS'))
          .map((stored) => EventsResolvedV1.parse(stored.body))
          .find((event) => event.causationId === identify.id),
      { description: "Ada's identify resolved", timeoutMs: WAIT_MS },
    );
    adaProfileId = resolved.payload.profileId;
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await namespace?.dispose();
  });

  it('stores no email, phone, name or address in clear text, and still finds the person by them', async () => {
    expect(await findReferences(database.db, CLEAR_TEXTS)).toEqual([]);

    const byEmail = await call(
      'GET',
      '/v1/profiles/lookup?type=email&value=ada.lovelace%40example.com',
    );
    const search = await call(
      'GET',
      '/v1/profiles/search?trait=email&value=ADA.LOVELACE%40example.com',
    );

    expect(byEmail.status).toBe(200);
    expect(Profile.parse(byEmail.body)).toMatchObject({
      profileId: adaProfileId,
      traits: { lastName: 'Lovelace', address: ADA.address },
    });
    expect(SearchPage.parse(search.body).items.map((item) => item.profileId)).toEqual([
      adaProfileId,
    ]);
  });

  it('re-encrypts every profile and claim with a new key, after which the old key can go', async () => {
    const [, currentKey = ''] =
      /^([^,]+)$/.exec(namespace.env()['PII_ENCRYPTION_KEYS'] ?? '') ?? [];
    await startIdentity({ PII_ENCRYPTION_KEYS: `${NEW_KEY},${currentKey}` });

    expect(Status.parse((await call('GET', '/v1/pii/rotation')).body)).toEqual({
      currentKeyId: 'next',
      awaiting: 1,
    });
    const requested = await call('POST', '/v1/pii/rotation');
    expect(requested.status).toBe(202);
    expect(Requested.parse(requested.body)).toEqual({ currentKeyId: 'next', requested: 1 });
    await waitFor(
      async () =>
        Status.parse((await call('GET', '/v1/pii/rotation')).body).awaiting === 0 || undefined,
      { description: 'every profile re-encrypted', timeoutMs: WAIT_MS },
    );

    // Only the new key from here on: the profile and its claims must all read.
    await startIdentity({ PII_ENCRYPTION_KEYS: NEW_KEY });
    const byPhone = await call('GET', '/v1/profiles/lookup?type=phone&value=%2B441234567890');
    const byId = await call('GET', `/v1/profiles/${adaProfileId}`);

    expect(byPhone.status).toBe(200);
    expect(Profile.parse(byPhone.body).profileId).toBe(adaProfileId);
    expect(Profile.parse(byId.body).traits).toMatchObject({ email: ADA.email, phone: ADA.phone });
    expect(await findReferences(database.db, CLEAR_TEXTS)).toEqual([]);
  });
});

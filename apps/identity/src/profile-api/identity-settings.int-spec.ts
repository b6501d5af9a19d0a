import type { INestApplication } from '@nestjs/common';
import { EventsResolvedV1, subjects, type CallAcceptedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { z } from 'zod';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { POLICY_CACHE_MS } from '../profiles';
import { identifyEvent } from '../test-support/events';

const PARTITIONS = 2;
const WORKSPACE = 'ws-settings';
const KEYS = { reader: 'settings-reader', admin: 'settings-admin' } as const;
const WAIT_MS = 20_000;
const ErrorJson = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const SettingsJson = z.object({
  identifierLimits: z.array(z.object({ type: z.string(), limit: z.number() })),
  blockedValues: z.array(z.string()),
});

describe('identity settings per workspace over HTTP (real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let baseUrl: string;

  const request = async (method: 'GET' | 'PUT', key: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/v1/identity-settings`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  const ingest = (event: CallAcceptedV1) =>
    publisher.publish(subjects.ingest(event.payload.partition), event);

  /** The profile ids the calls resolved to, once all are resolved. */
  const profilesOf = (calls: readonly CallAcceptedV1[]) =>
    waitFor(
      async () => {
        const resolved = (await namespace.readStream('EVENTS')).map((stored) =>
          EventsResolvedV1.parse(stored.body),
        );
        const ids = calls.map(
          (call) => resolved.find((event) => event.causationId === call.id)?.payload.profileId,
        );
        return ids.every((id) => id !== undefined) ? ids : undefined;
      },
      { description: 'the calls resolved', timeoutMs: WAIT_MS },
    );

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'identity-settings', partitions: PARTITIONS });
    app = await createIdentityApp(loadIdentityConfig(namespace.env({ GRPC_PORT: '0' })), {
      logDestination: { write: () => undefined },
    });
    baseUrl = await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    const adminKeys = app.get(AdminKeyService);
    await adminKeys.seed({
      rawKey: KEYS.reader,
      name: 'reader',
      role: 'read-only',
      workspaceId: WORKSPACE,
    });
    await adminKeys.seed({
      rawKey: KEYS.admin,
      name: 'admin',
      role: 'admin',
      workspaceId: WORKSPACE,
    });
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  it('shows the defaults to any admin key until a workspace changes them', async () => {
    const { status, body } = await request('GET', KEYS.reader);

    expect(status).toBe(200);
    expect(SettingsJson.parse(body)).toEqual({ identifierLimits: [], blockedValues: [] });
  });

  it('lets only owner and admin keys change settings, and refuses invalid ones naming the field', async () => {
    const readOnly = await request('PUT', KEYS.reader, { blockedValues: [] });
    const invalid = await request('PUT', KEYS.admin, {
      blockedValues: ['(unclosed'],
      identifierLimit: [],
    });

    expect(readOnly.status).toBe(403);
    expect(invalid.status).toBe(400);
    const message = ErrorJson.parse(invalid.body).error.message;
    expect(message).toMatch(/blockedValues\.0: not a regular expression/);
    expect(message).toMatch(/identifierLimit/);
  });

  it('applies a workspace limit and blocked value to the next calls', async () => {
    const put = await request('PUT', KEYS.admin, {
      identifierLimits: [{ type: 'email', limit: 1 }],
      blockedValues: ['^shared-kiosk$'],
    });
    expect(put.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, POLICY_CACHE_MS));
    const options = { workspaceId: WORKSPACE, partitions: PARTITIONS };
    const first = identifyEvent({ email: 'one@example.com' }, { ...options, userId: 'u-limit' });
    // A second email for the same user would exceed the limit of one: the lower-priority
    // identifier (the email) is dropped, so the call still lands on the user's profile.
    const second = identifyEvent({ email: 'two@example.com' }, { ...options, userId: 'u-limit' });
    const kioskA = identifyEvent({}, { ...options, anonymousId: 'shared-kiosk', id: 'kiosk-a' });
    const kioskB = identifyEvent({}, { ...options, anonymousId: 'shared-kiosk', id: 'kiosk-b' });

    await ingest(first);
    await profilesOf([first]);
    for (const call of [second, kioskA, kioskB]) await ingest(call);
    const [userProfile, sameProfile, kioskProfileA, kioskProfileB] = await profilesOf([
      first,
      second,
      kioskA,
      kioskB,
    ]);

    expect(sameProfile).toBe(userProfile);
    const lookup = await fetch(`${baseUrl}/v1/profiles/lookup?type=email&value=two@example.com`, {
      headers: { authorization: `Bearer ${KEYS.reader}` },
    });
    expect(lookup.status).toBe(404);
    // The blocked value resolves nothing: each call gets a profile of its own.
    expect(kioskProfileA).not.toBe(kioskProfileB);
  });
});

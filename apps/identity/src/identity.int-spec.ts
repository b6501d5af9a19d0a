import type { INestApplication } from '@nestjs/common';
import {
  EventsResolvedV1,
  ProfileUpdatedV1,
  subjects,
  type CallAcceptedV1,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { z } from 'zod';
import { createIdentityApp } from './bootstrap';
import { loadIdentityConfig } from './config';
import { identifyEvent, messageSentEvent, trackEvent } from './test-support/events';

const PARTITIONS = 2;

/** The parts of the golden record JSON these specs read. */
const GoldenRecordJson = z.object({
  profileId: z.string(),
  revision: z.number(),
  traits: z.record(z.string(), z.unknown()),
  identifiers: z.array(z.object({ type: z.string(), value: z.string() })),
  computed: z.object({ eventCounts: z.array(z.unknown()), engagement: z.array(z.unknown()) }),
  messages: z.array(z.unknown()),
});
const ErrorJson = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const WORKSPACE = 'ws-int';
const READER_KEY = 'identity-spec-reader';
const OTHER_WORKSPACE_KEY = 'identity-spec-other';
const WAIT_MS = 20_000;

describe('identity service (in process, real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let baseUrl: string;

  const identify = identifyEvent(
    { name: 'Ann', email: 'Ann@Example.com', plan: 'free' },
    { userId: 'user-ann', anonymousId: 'anon-ann', workspaceId: WORKSPACE, partitions: PARTITIONS },
  );
  const track = trackEvent('Order Completed', {
    userId: 'user-ann',
    workspaceId: WORKSPACE,
    partitions: PARTITIONS,
  });
  const partition = identify.payload.partition;

  const ingest = (event: CallAcceptedV1) =>
    publisher.publish(subjects.ingest(event.payload.partition), event);

  async function bodiesOf(stream: 'EVENTS' | 'PROFILES' | 'DLQ'): Promise<unknown[]> {
    return (await namespace.readStream(stream)).map((stored) => stored.body);
  }

  async function getJson(
    path: string,
    headers: Record<string, string> = { authorization: `Bearer ${READER_KEY}` },
  ) {
    const response = await fetch(`${baseUrl}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  /** The profile of user-ann once it reached `revision` (events are applied in order). */
  async function profileAtRevision(revision: number) {
    return waitFor(
      async () => {
        const { status, body } = await getJson('/v1/profiles/lookup?type=userId&value=user-ann');
        if (status !== 200) return undefined;
        const profile = GoldenRecordJson.parse(body);
        return profile.revision >= revision ? profile : undefined;
      },
      { description: `profile revision ${revision}`, timeoutMs: WAIT_MS },
    );
  }

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'identity', partitions: PARTITIONS });
    // A short duplicate window on INGEST only, so the spec can redeliver an event id for real.
    await namespace.admin.jsm.streams.update(namespace.names.stream('INGEST'), {
      duplicate_window: 200_000_000,
    });
    const config = loadIdentityConfig(namespace.env({ GRPC_PORT: '0' }));
    app = await createIdentityApp(config, { logDestination: { write: () => undefined } });
    baseUrl = await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    const adminKeys = app.get(AdminKeyService);
    await adminKeys.seed({
      rawKey: READER_KEY,
      name: 'reader',
      role: 'read-only',
      workspaceId: WORKSPACE,
    });
    await adminKeys.seed({
      rawKey: OTHER_WORKSPACE_KEY,
      name: 'other',
      role: 'read-only',
      workspaceId: 'ws-other',
    });
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  it('resolves an identify and a track to one profile and publishes events.resolved and profile.updated', async () => {
    await ingest(identify);
    await ingest(track);

    const resolved = await waitFor(
      async () => {
        const events = (await bodiesOf('EVENTS')).map((body) => EventsResolvedV1.parse(body));
        return events.length >= 2 ? events : undefined;
      },
      { description: 'two events.resolved', timeoutMs: WAIT_MS },
    );
    expect(resolved.map((event) => event.causationId)).toEqual([identify.id, track.id]);
    const [first, second] = resolved;
    expect(first?.correlationId).toBe(identify.correlationId);
    expect(first?.payload.partition).toBe(partition);
    expect(first?.payload.profile.traits).toMatchObject({ name: 'Ann', plan: 'free' });
    expect(second?.payload.profileId).toBe(first?.payload.profileId);
    expect(second?.payload.profile.revision).toBe(2);

    const updates = (await bodiesOf('PROFILES')).map((body) => ProfileUpdatedV1.parse(body));
    expect(updates.map((event) => event.id)).toEqual([
      `${identify.id}:profile-updated`,
      `${track.id}:profile-updated`,
    ]);
    expect(updates[0]?.payload).toMatchObject({
      created: true,
      revision: 1,
      changes: { 'traits.name': 'Ann' },
    });
  });

  it('serves the golden record by identifier, matching emails whatever their case', async () => {
    const { status, body: json } = await getJson(
      '/v1/profiles/lookup?type=email&value=ANN@example.COM',
    );

    expect(status).toBe(200);
    const body = GoldenRecordJson.parse(json);
    expect(body.traits).toEqual({ name: 'Ann', email: 'Ann@Example.com', plan: 'free' });
    // Strongest first: the order identity resolves by.
    expect(body.identifiers).toEqual([
      { type: 'userId', value: 'user-ann' },
      { type: 'email', value: 'ann@example.com' },
      { type: 'anonymousId', value: 'anon-ann' },
    ]);
    expect(body.computed.eventCounts).toEqual([{ name: 'Order Completed', count: 1 }]);
    const byId = await getJson(`/v1/profiles/${body.profileId}`);
    expect(GoldenRecordJson.parse(byId.body).revision).toBe(2);
  });

  it('answers 404 in another workspace and 400 when the lookup lacks its value', async () => {
    const otherWorkspace = await getJson('/v1/profiles/lookup?type=userId&value=user-ann', {
      authorization: `Bearer ${OTHER_WORKSPACE_KEY}`,
    });
    expect(otherWorkspace.status).toBe(404);
    expect(ErrorJson.parse(otherWorkspace.body).error.code).toBe('not_found');

    const missing = await getJson('/v1/profiles/lookup?type=email');
    expect(missing.status).toBe(400);
    expect(ErrorJson.parse(missing.body).error).toEqual({
      code: 'invalid_request',
      message: expect.stringMatching(/value is required/),
    });
  });

  it('does not count a redelivered event twice', async () => {
    // Publish the same event id again once the INGEST duplicate window has passed.
    await waitFor(async () => !(await ingest(track)).duplicate, {
      description: 'the stream to store the same event id again',
      timeoutMs: WAIT_MS,
    });
    // Calls of one partition are applied in order: once this one shows, the redelivery was handled.
    await ingest(
      trackEvent('Page Viewed', {
        userId: 'user-ann',
        workspaceId: WORKSPACE,
        partitions: PARTITIONS,
      }),
    );

    const profile = await profileAtRevision(3);

    expect(profile.revision).toBe(3);
    expect(profile.computed.eventCounts).toEqual([
      { name: 'Order Completed', count: 1 },
      { name: 'Page Viewed', count: 1 },
    ]);
  });

  it('records message lifecycle events on the profile and dead-letters those of unknown profiles', async () => {
    const ann = await profileAtRevision(3);
    const sent = messageSentEvent({
      profileId: ann.profileId,
      partition,
      workspaceId: WORKSPACE,
    });
    const stray = messageSentEvent({ profileId: 'prof_nobody', partition, workspaceId: WORKSPACE });
    await publisher.publish(subjects.message('sent', 'email', partition), stray);
    await publisher.publish(subjects.message('sent', 'email', partition), sent);

    const profile = await profileAtRevision(4);

    expect(profile.messages).toEqual([
      expect.objectContaining({ messageId: 'message-1', status: 'sent' }),
    ]);
    expect(profile.computed.engagement).toEqual([
      {
        channel: 'email',
        requested: 0,
        sent: 1,
        delivered: 0,
        opened: 0,
        clicked: 0,
        skipped: 0,
        failed: 0,
      },
    ]);
    const deadLetters = await waitFor(
      async () => {
        const letters = await namespace.readStream('DLQ');
        return letters.length > 0 ? letters : undefined;
      },
      { description: 'a dead letter', timeoutMs: WAIT_MS },
    );
    expect(deadLetters.map((letter) => letter.body)).toEqual([
      expect.objectContaining({ id: stray.id }),
    ]);
  });
});

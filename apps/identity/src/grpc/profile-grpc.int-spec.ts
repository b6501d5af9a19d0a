import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { INestApplication } from '@nestjs/common';
import { subjects, type CallAcceptedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { z } from 'zod';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { identifyEvent, messageSentEvent, trackEvent } from '../test-support/events';
import { ERROR_CODE_METADATA, ProfileGrpcServer, profileMethod, type ProfileMethod } from './index';

const PARTITIONS = 2;
const WORKSPACE = 'ws-grpc';
const READER = 'grpc-spec-reader';
const OWNER = 'grpc-spec-owner';
const STRANGER = 'grpc-spec-stranger';
const WAIT_MS = 20_000;

interface Answer {
  readonly reply?: unknown;
  readonly error?: ServiceError;
}

/** A real @grpc/grpc-js client of ProfileService. */
class ProfileClient {
  private readonly client: Client;

  constructor(port: number) {
    this.client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
  }

  /** `key` null sends no authorization metadata. */
  call(method: ProfileMethod, request: unknown, key: string | null = READER) {
    const { path, requestSerialize, responseDeserialize } = profileMethod(method);
    const metadata = new Metadata();
    if (key !== null) metadata.set('authorization', `Bearer ${key}`);
    return new Promise<Answer>((resolve) => {
      this.client.makeUnaryRequest(
        path,
        requestSerialize,
        responseDeserialize,
        request,
        metadata,
        (error, reply) => resolve(error ? { error } : { reply }),
      );
    });
  }

  /** The reply of a call that must succeed. */
  async reply(method: ProfileMethod, request: unknown, key?: string): Promise<unknown> {
    const { reply, error } = await this.call(method, request, key);
    if (error !== undefined) throw new Error(`${method} failed: ${error.message}`);
    return reply;
  }

  close(): void {
    this.client.close();
  }
}

const ProfileReply = z.object({
  profileId: z.string(),
  workspaceId: z.string(),
  partition: z.number().optional(),
  revision: z.string(),
  identifiers: z.array(z.object({ type: z.string(), value: z.string() })),
  traits: z.object({ fields: z.record(z.string(), z.unknown()) }),
});
const EntriesReply = z.object({
  entries: z.array(z.record(z.string(), z.unknown())).optional(),
  nextCursor: z.string().optional(),
});
const SearchReply = z.object({
  profiles: z.array(ProfileReply).optional(),
  nextCursor: z.string().optional(),
});

describe('the gRPC ProfileService (real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let client: ProfileClient;
  let ann: z.infer<typeof ProfileReply>;

  const user = { workspaceId: WORKSPACE, partitions: PARTITIONS };
  const ingest = (event: CallAcceptedV1) =>
    publisher.publish(subjects.ingest(event.payload.partition), event);

  function profileAt(userId: string, revision: number) {
    return waitFor(
      async () => {
        const { reply } = await client.call('Lookup', { type: 'userId', value: userId });
        const parsed = ProfileReply.safeParse(reply);
        return parsed.success && Number(parsed.data.revision) >= revision ? parsed.data : undefined;
      },
      { description: `${userId} at revision ${revision}`, timeoutMs: WAIT_MS },
    );
  }

  async function failure(method: ProfileMethod, request: unknown, key?: string | null) {
    const { error } = await client.call(method, request, key);
    if (error === undefined) throw new Error(`${method} succeeded`);
    return { code: error.code, reason: error.metadata.get(ERROR_CODE_METADATA)[0] };
  }

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'profilegrpc', partitions: PARTITIONS });
    app = await createIdentityApp(loadIdentityConfig(namespace.env({ GRPC_PORT: '0' })), {
      logDestination: { write: () => undefined },
    });
    await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    const adminKeys = app.get(AdminKeyService);
    await adminKeys.seed({ rawKey: READER, name: 'r', role: 'read-only', workspaceId: WORKSPACE });
    await adminKeys.seed({ rawKey: OWNER, name: 'o', role: 'owner', workspaceId: null });
    await adminKeys.seed({ rawKey: STRANGER, name: 's', role: 'admin', workspaceId: 'ws-x' });
    client = new ProfileClient(app.get(ProfileGrpcServer).port);

    await ingest(
      identifyEvent({ plan: 'pro', email: 'ann@example.com' }, { userId: 'ann', ...user }),
    );
    await ingest(identifyEvent({ plan: 'pro' }, { userId: 'bob', ...user }));
    await ingest(identifyEvent({ plan: 'pro' }, { userId: 'cy', ...user }));
    for (const event of ['Signed Up', 'Order Completed'])
      await ingest(trackEvent(event, { userId: 'ann', ...user }));
    const created = await profileAt('ann', 3);
    for (const messageId of ['m1', 'm2']) {
      const sent = messageSentEvent({
        profileId: created.profileId,
        partition: created.partition ?? 0,
        workspaceId: WORKSPACE,
        messageId,
      });
      await publisher.publish(subjects.message('sent', 'email', created.partition ?? 0), sent);
    }
    ann = await profileAt('ann', 5);
    await profileAt('bob', 1);
    await profileAt('cy', 1);
  });

  afterAll(async () => {
    client?.close();
    await app?.close();
    await namespace?.dispose();
  });

  it('gets a profile by id with its traits as a Struct, as Lookup found it', async () => {
    const reply = ProfileReply.parse(
      await client.reply('GetProfile', { profileId: ann.profileId }),
    );

    expect(reply).toEqual(ann);
    expect(reply.workspaceId).toBe(WORKSPACE);
    expect(reply.traits.fields['plan']).toEqual({ stringValue: 'pro', kind: 'stringValue' });
    expect(reply.identifiers).toContainEqual({ type: 'email', value: 'ann@example.com' });
  });

  it('searches a trait page by page', async () => {
    const first = SearchReply.parse(
      await client.reply('Search', { trait: 'plan', value: 'pro', limit: 2 }),
    );
    const second = SearchReply.parse(
      await client.reply('Search', {
        trait: 'plan',
        value: 'pro',
        limit: 2,
        cursor: first.nextCursor,
      }),
    );

    expect(first.profiles).toHaveLength(2);
    expect(second.profiles).toHaveLength(1);
    expect(second.nextCursor).toBeUndefined();
    const ids = [...(first.profiles ?? []), ...(second.profiles ?? [])].map((p) => p.profileId);
    expect(new Set(ids).size).toBe(3);
  });

  it('lists the timeline and the message history newest first, page by page', async () => {
    const page = (method: ProfileMethod, cursor?: string) =>
      client.reply(method, { profileId: ann.profileId, limit: 2, cursor });

    const timeline = EntriesReply.parse(await page('ListTimeline'));
    const rest = EntriesReply.parse(await page('ListTimeline', timeline.nextCursor));
    const messages = EntriesReply.parse(await page('ListMessages'));

    expect(timeline.entries?.map((entry) => entry['event'])).toEqual([
      'Order Completed',
      'Signed Up',
    ]);
    expect(rest.entries?.map((entry) => entry['type'])).toEqual(['identify']);
    expect(rest.nextCursor).toBeUndefined();
    expect(messages.entries?.map((entry) => entry['messageId'])).toEqual(['m2', 'm1']);
    expect(messages.nextCursor).toBeUndefined();
  });

  it('lets an installation-wide key read the workspace it names in workspace_id', async () => {
    const reply = ProfileReply.parse(
      await client.reply('GetProfile', { workspaceId: WORKSPACE, profileId: ann.profileId }, OWNER),
    );
    expect(reply.profileId).toBe(ann.profileId);
    expect(await failure('GetProfile', { profileId: ann.profileId }, OWNER)).toEqual({
      code: status.INVALID_ARGUMENT,
      reason: 'invalid_request',
    });
  });

  it('refuses what the HTTP API refuses, with the matching status and the code in metadata', async () => {
    const get = { profileId: ann.profileId };

    expect(await failure('GetProfile', get, null)).toEqual({
      code: status.UNAUTHENTICATED,
      reason: 'unauthenticated',
    });
    expect(await failure('GetProfile', get, 'unknown-key')).toMatchObject({
      code: status.UNAUTHENTICATED,
    });
    expect(await failure('GetProfile', { ...get, workspaceId: WORKSPACE }, STRANGER)).toEqual({
      code: status.PERMISSION_DENIED,
      reason: 'forbidden',
    });
    expect(await failure('GetProfile', { profileId: 'prof_nobody' })).toEqual({
      code: status.NOT_FOUND,
      reason: 'not_found',
    });
    expect(await failure('Lookup', { type: 'email' })).toEqual({
      code: status.INVALID_ARGUMENT,
      reason: 'invalid_request',
    });
    expect(await failure('Search', { trait: 'seats', value: '1' })).toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
    expect(await failure('ListTimeline', { profileId: ann.profileId, limit: 51 })).toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
  });
});

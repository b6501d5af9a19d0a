import type { INestApplication } from '@nestjs/common';
import { ProfileUpdatedV1, subjects, type CallAcceptedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { z } from 'zod';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { ProfileRepository } from '../profiles';
import { identifyEvent, messageSentEvent, trackEvent } from '../test-support/events';

const PARTITIONS = 2;
const WORKSPACE = 'ws-api';
const KEYS = {
  reader: 'profile-api-reader',
  owner: 'profile-api-installation-owner',
  otherWorkspace: 'profile-api-other-workspace',
} as const;
const WAIT_MS = 20_000;

const RecordJson = z.object({
  profileId: z.string(),
  partition: z.number(),
  revision: z.number(),
  traits: z.record(z.string(), z.unknown()),
});
const PageJson = z.object({ items: z.array(z.unknown()), nextCursor: z.string().nullable() });
const ErrorJson = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

describe('profile API over HTTP (real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let baseUrl: string;

  const partitions = { workspaceId: WORKSPACE, partitions: PARTITIONS };
  const ingest = (event: CallAcceptedV1) =>
    publisher.publish(subjects.ingest(event.payload.partition), event);

  async function get(path: string, headers: Record<string, string> = bearer(KEYS.reader)) {
    const response = await fetch(`${baseUrl}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  async function record(path: string) {
    const { status, body } = await get(path);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(body)}`);
    return RecordJson.parse(body);
  }

  /** The profile of a user once identity applied `revision` events to it. */
  function profileOf(userId: string, revision = 1) {
    return waitFor(
      async () => {
        const { status, body } = await get(`/v1/profiles/lookup?type=userId&value=${userId}`);
        if (status !== 200) return undefined;
        const profile = RecordJson.parse(body);
        return profile.revision >= revision ? profile : undefined;
      },
      { description: `${userId} at revision ${revision}`, timeoutMs: WAIT_MS },
    );
  }

  async function error(path: string, headers?: Record<string, string>) {
    const { status, body } = await get(path, headers);
    return { status, ...ErrorJson.parse(body).error };
  }

  async function pages(path: string, limit: number): Promise<unknown[][]> {
    const all: unknown[][] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const query = `limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`;
      const { status, body } = await get(`${path}${separator}${query}`);
      expect(status).toBe(200);
      const page = PageJson.parse(body);
      all.push(page.items);
      cursor = page.nextCursor;
    } while (cursor !== null && all.length < 20);
    return all;
  }

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'profileapi', partitions: PARTITIONS });
    // A max age far beyond the suite: only profile.updated can make a cached profile fresh.
    const env = {
      GRPC_PORT: '0',
      PROFILE_CACHE_MAX_AGE_MS: '600000',
      PROFILE_SEARCH_TRAITS: 'plan,seats',
    };
    app = await createIdentityApp(loadIdentityConfig(namespace.env(env)), {
      logDestination: { write: () => undefined },
    });
    baseUrl = await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    const adminKeys = app.get(AdminKeyService);
    const seed = (rawKey: string, role: 'read-only' | 'owner', workspaceId: string | null) =>
      adminKeys.seed({ rawKey, name: rawKey, role, workspaceId });
    await seed(KEYS.reader, 'read-only', WORKSPACE);
    await seed(KEYS.owner, 'owner', null);
    await seed(KEYS.otherWorkspace, 'read-only', 'ws-elsewhere');

    for (const [index, plan] of ['pro', 'pro', 'free', 'pro', 'pro', 'pro'].entries()) {
      await ingest(identifyEvent({ plan, seats: index }, { userId: `u${index}`, ...partitions }));
    }
    await Promise.all([0, 1, 2, 3, 4, 5].map((index) => profileOf(`u${index}`)));
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  describe('authentication', () => {
    it('refuses a request without a key, with another scheme or with an unknown key (401)', async () => {
      const path = '/v1/profiles/lookup?type=userId&value=u0';
      for (const headers of [{}, { authorization: 'Basic abc' }, bearer('no-such-key')])
        expect(await error(path, headers)).toMatchObject({ status: 401, code: 'unauthenticated' });
    });

    it('refuses a workspace key naming another workspace (403) and finds nothing in its own (404)', async () => {
      const path = '/v1/profiles/lookup?type=userId&value=u0';
      const named = { ...bearer(KEYS.otherWorkspace), 'x-meridian-workspace': WORKSPACE };

      expect(await error(path, named)).toMatchObject({ status: 403, code: 'forbidden' });
      expect(await error(path, bearer(KEYS.otherWorkspace))).toMatchObject({
        status: 404,
        code: 'not_found',
      });
    });

    it('lets an installation-wide key read the workspace it names, and only when it names one', async () => {
      const path = '/v1/profiles/lookup?type=userId&value=u0';

      expect(await error(path, bearer(KEYS.owner))).toMatchObject({
        status: 400,
        message: expect.stringMatching(/installation-wide admin key must name the workspace/),
      });
      const named = await get(path, { ...bearer(KEYS.owner), 'x-meridian-workspace': WORKSPACE });
      expect(named.status).toBe(200);
      expect(RecordJson.parse(named.body).traits).toMatchObject({ plan: 'pro', seats: 0 });
    });
  });

  describe('reads', () => {
    it('serves a profile by id and answers 404 for an unknown one', async () => {
      const ann = await profileOf('u0');

      expect(await record(`/v1/profiles/${ann.profileId}`)).toEqual(ann);
      expect(await error('/v1/profiles/prof_nobody')).toMatchObject({
        status: 404,
        code: 'not_found',
      });
      expect(await error(`/v1/profiles/${'x'.repeat(129)}`)).toMatchObject({ status: 400 });
    });

    it('searches a trait by value, page by page in profile id order, numbers included', async () => {
      const found = (await pages('/v1/profiles/search?trait=plan&value=pro', 2)).map((page) =>
        page.map((item) => RecordJson.parse(item)),
      );

      expect(found.map((page) => page.length)).toEqual([2, 2, 1]);
      const ids = found.flat().map((profile) => profile.profileId);
      expect(ids).toEqual([...ids].sort());
      expect(new Set(found.flat().map((profile) => profile.traits['seats']))).toEqual(
        new Set([0, 1, 3, 4, 5]),
      );
      const bySeats = PageJson.parse((await get('/v1/profiles/search?trait=seats&value=2')).body);
      expect(bySeats.items.map((item) => RecordJson.parse(item).traits)).toEqual([
        { plan: 'free', seats: 2 },
      ]);
    });

    it('refuses a search by a trait without an index, a bad limit and a foreign cursor (400)', async () => {
      expect(await error('/v1/profiles/search?trait=nickname&value=1')).toMatchObject({
        status: 400,
        message: 'trait "nickname" is not searchable; searchable traits: plan, seats',
      });
      expect(await error('/v1/profiles/search?trait=plan&value=pro&limit=101')).toMatchObject({
        message: 'limit must be between 1 and 100',
      });
      expect(await error('/v1/profiles/search?trait=plan&value=pro&cursor=abc')).toMatchObject({
        message: 'cursor is not one this endpoint gave out',
      });
    });

    it('pages the timeline and the message history newest first', async () => {
      const timed = { userId: 'u-timeline', ...partitions };
      await ingest(identifyEvent({ plan: 'free' }, timed));
      for (const name of ['first', 'second', 'third', 'fourth'])
        await ingest(trackEvent(name, timed));
      const profile = await profileOf('u-timeline', 5);
      for (const messageId of ['m1', 'm2', 'm3']) {
        const sent = messageSentEvent({
          profileId: profile.profileId,
          partition: profile.partition,
          workspaceId: WORKSPACE,
          messageId,
        });
        await publisher.publish(subjects.message('sent', 'email', profile.partition), sent);
      }
      await profileOf('u-timeline', 8);

      const timeline = await pages(`/v1/profiles/${profile.profileId}/timeline`, 2);
      const messages = await pages(`/v1/profiles/${profile.profileId}/messages`, 2);

      expect(
        timeline.map((page) =>
          page.map((entry) => z.object({ event: z.string().nullable() }).parse(entry).event),
        ),
      ).toEqual([['fourth', 'third'], ['second', 'first'], [null]]);
      expect(
        messages.map((page) =>
          page.map((entry) => z.object({ messageId: z.string() }).parse(entry).messageId),
        ),
      ).toEqual([['m3', 'm2'], ['m1']]);
      expect(await error(`/v1/profiles/${profile.profileId}/timeline?limit=51`)).toMatchObject({
        message: 'limit must be between 1 and 50',
      });
    });
  });

  describe('cache', () => {
    it('serves a read profile from memory until its profile.updated arrives', async () => {
      const cached = await profileOf('u1');
      const repository = app.get(ProfileRepository);
      const stored = await repository.findById(WORKSPACE, cached.profileId);
      if (stored === null) throw new Error('u1 is not stored');
      // A write whose announcement has not arrived yet: the cache does not know of it.
      const written = {
        ...stored,
        traits: { ...stored.traits, plan: 'enterprise' },
        revision: stored.revision + 1,
      };
      await repository.save(written);

      expect((await record(`/v1/profiles/${cached.profileId}`)).traits['plan']).toBe('pro');

      const announcement: ProfileUpdatedV1 = {
        id: `spec-${cached.profileId}-${written.revision}`,
        type: 'profile.updated',
        version: 1,
        workspaceId: WORKSPACE,
        occurredAt: written.updatedAt,
        receivedAt: written.updatedAt,
        correlationId: 'spec',
        causationId: null,
        payload: {
          profileId: cached.profileId,
          partition: written.partition,
          revision: written.revision,
          created: false,
          changes: { 'traits.plan': 'enterprise' },
        },
      };
      await publisher.publish(subjects.profileUpdated(written.partition), announcement);
      const fresh = await waitFor(
        async () => {
          const current = await record(`/v1/profiles/${cached.profileId}`);
          return current.revision === written.revision ? current : undefined;
        },
        { description: 'the announced revision', timeoutMs: WAIT_MS },
      );
      expect(fresh.traits['plan']).toBe('enterprise');
    });

    it('answers the new value after an update through a call on the stream', async () => {
      const before = await profileOf('u3');
      expect((await record(`/v1/profiles/${before.profileId}`)).traits['plan']).toBe('pro');

      await ingest(identifyEvent({ plan: 'team' }, { userId: 'u3', ...partitions }));

      const after = await waitFor(
        async () => {
          const current = await record(`/v1/profiles/${before.profileId}`);
          return current.revision > before.revision ? current : undefined;
        },
        { description: 'u3 after the identify', timeoutMs: WAIT_MS },
      );
      expect(after.traits['plan']).toBe('team');
      const byLookup = await get('/v1/profiles/lookup?type=userId&value=u3');
      expect(RecordJson.parse(byLookup.body).traits['plan']).toBe('team');
    });
  });
});

function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

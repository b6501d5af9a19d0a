import type { INestApplication } from '@nestjs/common';
import {
  EventsResolvedV1,
  IdentityMergedV1,
  subjects,
  type CallAcceptedV1,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { IdentifierRepository, ProfileRepository, type Profile } from '../profiles';
import { identifyEvent, pageEvent, trackEvent } from '../test-support/events';
import { z } from 'zod';

const PARTITIONS = 2;
const WORKSPACE = 'ws-unmerge';
const ADMIN_KEY = 'unmerge-admin';
const WAIT_MS = 20_000;
const EMAIL = 'kim@example.com';

describe('unmerge and identifier removal (real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let profiles: ProfileRepository;
  let identifiers: IdentifierRepository;
  let baseUrl: string;
  let userProfileId = '';
  let anonymousProfileId = '';

  const person = { workspaceId: WORKSPACE, partitions: PARTITIONS };
  const ingest = (event: CallAcceptedV1) =>
    publisher.publish(subjects.ingest(event.payload.partition), event);
  const resolvedProfileOf = (call: CallAcceptedV1) =>
    waitFor(
      async () =>
        (await namespace.readStream('EVENTS'))
          .map((stored) => EventsResolvedV1.parse(stored.body))
          .find((event) => event.causationId === call.id)?.payload.profileId,
      { description: `call ${call.id} resolved`, timeoutMs: WAIT_MS },
    );
  const profileWhen = (profileId: string, ready: (profile: Profile) => boolean) =>
    waitFor(
      async () => {
        const profile = await profiles.findById(WORKSPACE, profileId);
        return profile !== null && ready(profile) ? profile : undefined;
      },
      { description: `profile ${profileId} in the expected state`, timeoutMs: WAIT_MS },
    );
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  /** The profile id the API's lookup answers (null for a 404), through its cache. */
  const lookUp = async (type: string, value: string) => {
    const query = new URLSearchParams({ type, value });
    const response = await fetch(`${baseUrl}/v1/profiles/lookup?${query.toString()}`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    if (response.status === 404) return null;
    const body: unknown = await response.json();
    return z.object({ profileId: z.string() }).parse(body).profileId;
  };
  const lookUpWhen = (type: string, value: string, expected: string | null) =>
    waitFor(async () => ((await lookUp(type, value)) === expected ? true : undefined), {
      description: `the lookup of ${type} ${value} answering ${expected ?? '404'}`,
      timeoutMs: WAIT_MS,
    });
  const holderOf = async (type: string, value: string) =>
    (await identifiers.find(WORKSPACE, { type, value }))?.profileId ?? null;

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'unmerge', partitions: PARTITIONS });
    // Cached reads never expire within the spec: only profile.updated can refresh a lookup.
    const env = namespace.env({ GRPC_PORT: '0', PROFILE_CACHE_MAX_AGE_MS: '3600000' });
    app = await createIdentityApp(loadIdentityConfig(env), {
      logDestination: { write: () => undefined },
    });
    baseUrl = await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    profiles = app.get(ProfileRepository);
    identifiers = app.get(IdentifierRepository);
    await app.get(AdminKeyService).seed({
      rawKey: ADMIN_KEY,
      name: 'admin',
      role: 'admin',
      workspaceId: WORKSPACE,
    });

    const visit = pageEvent('Home', { ...person, anonymousId: 'anon-kim' });
    const order = trackEvent('Order Completed', { ...person, userId: 'user-kim' });
    await ingest(visit);
    await ingest(order);
    anonymousProfileId = await resolvedProfileOf(visit);
    userProfileId = await resolvedProfileOf(order);
    const login = identifyEvent(
      { email: EMAIL, plan: 'pro' },
      { ...person, userId: 'user-kim', anonymousId: 'anon-kim' },
    );
    await ingest(login);
    await waitFor(
      async () =>
        (await namespace.readStream('PROFILES')).some(
          (stored) =>
            IdentityMergedV1.safeParse(stored.body).data?.payload.absorbedId === anonymousProfileId,
        ),
      { description: 'the anonymous profile merged into the account', timeoutMs: WAIT_MS },
    );
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  it('splits a merge: the absorbed profile lives again with its identifiers, the survivor keeps its own', async () => {
    const merged = await profiles.findById(WORKSPACE, userProfileId);
    expect(merged?.computed.eventCounts).toEqual([{ name: 'Order Completed', count: 1 }]);
    expect(merged?.timeline).toHaveLength(3);

    expect(await lookUp('anonymousId', 'anon-kim')).toBe(userProfileId);

    const response = await post(`/v1/profiles/${userProfileId}/unmerge`, {
      absorbedId: anonymousProfileId,
    });
    expect(response.status).toBe(202);

    const restored = await profileWhen(
      anonymousProfileId,
      (profile) => profile.mergedInto === null,
    );
    const survivor = await profileWhen(userProfileId, (profile) =>
      profile.separatedFrom.includes(anonymousProfileId),
    );
    expect(restored.identifiers).toEqual([{ type: 'anonymousId', value: 'anon-kim' }]);
    expect(restored.separatedFrom).toEqual([userProfileId]);
    expect(survivor.identifiers).toEqual([
      { type: 'userId', value: 'user-kim' },
      { type: 'email', value: EMAIL },
    ]);
    // The visit's page left with the absorbed profile; the order and the login stay.
    expect(survivor.timeline.map((entry) => entry.type).sort()).toEqual(['identify', 'track']);
    expect(await holderOf('anonymousId', 'anon-kim')).toBe(anonymousProfileId);
    expect(await holderOf('email', EMAIL)).toBe(userProfileId);
    // The API's cached lookup follows the claim back to the restored profile.
    await lookUpWhen('anonymousId', 'anon-kim', anonymousProfileId);
  });

  it('does not merge the two again when a call carries both identifiers', async () => {
    const again = identifyEvent({}, { ...person, userId: 'user-kim', anonymousId: 'anon-kim' });
    await ingest(again);

    expect(await resolvedProfileOf(again)).toBe(userProfileId);
    expect(await holderOf('anonymousId', 'anon-kim')).toBe(anonymousProfileId);
    const absorbed = await profiles.findById(WORKSPACE, anonymousProfileId);
    expect(absorbed?.mergedInto).toBeNull();
  });

  it('removes one identifier from a profile and releases its claim', async () => {
    expect(await lookUp('email', EMAIL)).toBe(userProfileId);

    const response = await post(`/v1/profiles/${userProfileId}/identifiers/remove`, {
      type: 'email',
      value: 'Kim@Example.com',
    });
    expect(response.status).toBe(202);

    const profile = await profileWhen(
      userProfileId,
      (current) => !current.identifiers.some((identifier) => identifier.type === 'email'),
    );
    expect(profile.identifiers).toEqual([{ type: 'userId', value: 'user-kim' }]);
    expect(await holderOf('email', EMAIL)).toBeNull();
    await lookUpWhen('email', EMAIL, null);
  });

  it('refuses a correction from a read-only key and for an unknown profile', async () => {
    await app.get(AdminKeyService).seed({
      rawKey: 'unmerge-reader',
      name: 'reader',
      role: 'read-only',
      workspaceId: WORKSPACE,
    });
    const readOnly = await fetch(`${baseUrl}/v1/profiles/${userProfileId}/unmerge`, {
      method: 'POST',
      headers: { authorization: 'Bearer unmerge-reader', 'content-type': 'application/json' },
      body: JSON.stringify({ absorbedId: anonymousProfileId }),
    });
    const unknown = await post('/v1/profiles/prof_nobody/identifiers/remove', {
      type: 'email',
      value: EMAIL,
    });

    expect(readOnly.status).toBe(403);
    expect(unknown.status).toBe(404);
  });

  it('answers 409 for an unmerge of a profile that is not merged in (any more)', async () => {
    const again = await post(`/v1/profiles/${userProfileId}/unmerge`, {
      absorbedId: anonymousProfileId,
    });

    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'conflict' } });
  });
});

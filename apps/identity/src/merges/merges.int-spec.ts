import type { INestApplication } from '@nestjs/common';
import {
  CallAcceptedV1,
  IdentityMergedV1,
  partitionKeyOf,
  partitionOf,
  subjects,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { ProfileApiService } from '../profile-api';
import { IdentifierRepository, ProfileRepository, type Profile } from '../profiles';

const PARTITIONS = 4;
const WORKSPACE = 'ws-merge';
const PEOPLE = 12;
const WAIT_MS = 60_000;

interface Person {
  readonly userId: string;
  readonly anonymousId: string;
  readonly email: string;
}

const people: Person[] = Array.from({ length: PEOPLE }, (_, index) => ({
  userId: `user-${index}`,
  anonymousId: `anon-${index}`,
  email: `person${index}@example.com`,
}));

let sequence = 0;

/** Which of the person's ids a call carries: the browser's, the account's, or both (login). */
type Carries = 'anonymous' | 'user' | 'both';

/** A call as ingestion would accept it: partitioned by userId, else anonymousId. */
function call(person: Person, fields: Record<string, unknown>, carries: Carries): CallAcceptedV1 {
  sequence += 1;
  const id = `call-${sequence}`;
  const at = new Date(Date.UTC(2025, 0, 1, 0, 0, sequence)).toISOString();
  const identity = {
    ...(carries === 'anonymous' ? {} : { userId: person.userId }),
    ...(carries === 'user' ? {} : { anonymousId: person.anonymousId }),
  };
  return CallAcceptedV1.parse({
    id,
    type: 'call.accepted',
    version: 1,
    workspaceId: WORKSPACE,
    occurredAt: at,
    receivedAt: at,
    correlationId: id,
    causationId: null,
    payload: {
      partition: partitionOf(partitionKeyOf(identity), PARTITIONS),
      sourceId: 'web',
      call: { messageId: id, ...identity, timestamp: at, receivedAt: at, ...fields },
    },
  });
}

/**
 * Each person's story, in two acts. First they browse anonymously on one device and buy with
 * their account on another: two profiles, on two partitions. Then they log in on the first
 * device (identify with both ids and an email), which proves the two profiles are one person,
 * and browse on without logging in again.
 */
function storyOf(person: Person): { before: CallAcceptedV1[]; after: CallAcceptedV1[] } {
  return {
    before: [
      call(person, { type: 'page', name: 'Home' }, 'anonymous'),
      call(person, { type: 'track', event: 'Product Viewed', properties: {} }, 'anonymous'),
      call(person, { type: 'track', event: 'Order Completed', properties: {} }, 'user'),
    ],
    after: [
      call(person, { type: 'identify', traits: { email: person.email, plan: 'free' } }, 'both'),
      call(person, { type: 'page', name: 'Shoes' }, 'anonymous'),
    ],
  };
}

/** One step of each person in turn. */
function interleave(stories: readonly CallAcceptedV1[][]): CallAcceptedV1[] {
  const calls: CallAcceptedV1[] = [];
  const steps = Math.max(...stories.map((story) => story.length));
  for (let step = 0; step < steps; step += 1)
    for (const story of stories) {
      const next = story[step];
      if (next) calls.push(next);
    }
  return calls;
}

describe('merges across partitions owned by two identity instances (real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  const apps: INestApplication[] = [];

  async function startInstance(owned: string): Promise<INestApplication> {
    const config = loadIdentityConfig(namespace.env({ OWNED_PARTITIONS: owned, GRPC_PORT: '0' }));
    const app = await createIdentityApp(config, { logDestination: { write: () => undefined } });
    await listenInProcess(app);
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'identity-merges', partitions: PARTITIONS });
    await startInstance('0,1');
    await startInstance('2,3');
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await namespace?.dispose();
  });

  it('ends with one live profile per person holding every identifier and every event', async () => {
    const [first] = apps;
    if (first === undefined) throw new Error('no identity instance');
    const publisher = first.get(JetStreamPublisher);
    const profiles = first.get(ProfileRepository);
    const identifiers = first.get(IdentifierRepository);
    const stories = people.map(storyOf);
    const publish = async (calls: readonly CallAcceptedV1[]) => {
      for (const event of calls)
        await publisher.publish(subjects.ingest(event.payload.partition), event);
    };
    await publish(interleave(stories.map((story) => story.before)));
    // Both profiles of everyone exist before anyone logs in, so every login is a merge.
    await waitFor(
      async () => ((await namespace.readStream('EVENTS')).length >= PEOPLE * 3 ? true : undefined),
      { description: 'the first act resolved', timeoutMs: WAIT_MS },
    );
    await publish(interleave(stories.map((story) => story.after)));

    const liveProfileOf = async (person: Person): Promise<Profile | undefined> => {
      const claims = await identifiers.findAll(WORKSPACE, [
        { type: 'userId', value: person.userId },
        { type: 'anonymousId', value: person.anonymousId },
        { type: 'email', value: person.email },
      ]);
      const owners = new Set(claims.map((claim) => claim.profileId));
      const [owner] = owners;
      if (claims.length !== 3 || owners.size !== 1 || owner === undefined) return undefined;
      const profile = await profiles.findById(WORKSPACE, owner);
      const calls = profile?.timeline.length ?? 0;
      return profile?.mergedInto === null && calls === 5 ? profile : undefined;
    };

    const settled = await waitFor(
      async () => {
        const found = await Promise.all(people.map(liveProfileOf));
        return found.every((profile) => profile !== undefined) ? found : undefined;
      },
      { description: 'one live profile per person with all five calls', timeoutMs: WAIT_MS },
    );

    for (const [index, profile] of settled.entries()) {
      const person = people[index];
      expect(profile?.identifiers).toEqual(
        expect.arrayContaining([
          { type: 'userId', value: person?.userId },
          { type: 'anonymousId', value: person?.anonymousId },
          { type: 'email', value: person?.email },
        ]),
      );
      expect(profile?.computed.eventCounts).toEqual(
        expect.arrayContaining([
          { name: 'Product Viewed', count: 1 },
          { name: 'Order Completed', count: 1 },
        ]),
      );
      expect(profile?.traits).toEqual({ email: person?.email, plan: 'free' });
    }
  });

  it('leaves every absorbed profile pointing at its survivor and announces each merge once', async () => {
    const merged = (await namespace.readStream('PROFILES'))
      .map((stored) => IdentityMergedV1.safeParse(stored.body))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
    const [first] = apps;
    if (first === undefined) throw new Error('no identity instance');
    const profiles = first.get(ProfileRepository);

    const absorbedIds = merged.map((event) => event.payload.absorbedId);
    expect(absorbedIds).toHaveLength(PEOPLE);
    expect(new Set(absorbedIds).size).toBe(absorbedIds.length);
    for (const event of merged) {
      const absorbed = await profiles.findById(WORKSPACE, event.payload.absorbedId);
      expect(absorbed?.mergedInto).toBe(event.payload.survivorId);
      const survivor = await profiles.findById(WORKSPACE, event.payload.survivorId);
      expect(survivor?.mergedInto).toBeNull();
    }
  });

  it('answers a read of an absorbed profile id with its survivor', async () => {
    const [first] = apps;
    if (first === undefined) throw new Error('no identity instance');
    const merged = (await namespace.readStream('PROFILES'))
      .map((stored) => IdentityMergedV1.safeParse(stored.body))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
    const [some] = merged;
    expect(some).toBeDefined();
    if (some === undefined) return;

    const { record } = await first.get(ProfileApiService).get(WORKSPACE, some.payload.absorbedId);

    expect(record.profileId).toBe(some.payload.survivorId);
    expect(record.mergedInto).toBeNull();
  });
});

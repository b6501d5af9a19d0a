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

/** A call as ingestion would accept it: partitioned by userId, else anonymousId. */
function call(person: Person, fields: Record<string, unknown>, known: boolean): CallAcceptedV1 {
  sequence += 1;
  const id = `call-${sequence}`;
  const at = new Date(Date.UTC(2025, 0, 1, 0, 0, sequence)).toISOString();
  const identity = known
    ? { userId: person.userId, anonymousId: person.anonymousId }
    : { anonymousId: person.anonymousId };
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
 * Each person's story: browses anonymously, logs in (identify with both ids and an email),
 * buys as the known user, then browses on the same device without logging in again.
 */
function storyOf(person: Person): CallAcceptedV1[] {
  return [
    call(person, { type: 'page', name: 'Home' }, false),
    call(person, { type: 'track', event: 'Product Viewed', properties: {} }, false),
    call(person, { type: 'identify', traits: { email: person.email, plan: 'free' } }, true),
    call(person, { type: 'track', event: 'Order Completed', properties: {} }, true),
    call(person, { type: 'page', name: 'Shoes' }, false),
  ];
}

/** Every story, interleaved: one step of each person in turn. */
function interleaved(): CallAcceptedV1[] {
  const stories = people.map(storyOf);
  const calls: CallAcceptedV1[] = [];
  for (let step = 0; step < 5; step += 1)
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
    for (const event of interleaved())
      await publisher.publish(subjects.ingest(event.payload.partition), event);

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
    expect(new Set(absorbedIds).size).toBe(absorbedIds.length);
    for (const event of merged) {
      const absorbed = await profiles.findById(WORKSPACE, event.payload.absorbedId);
      expect(absorbed?.mergedInto).toBe(event.payload.survivorId);
      const survivor = await profiles.findById(WORKSPACE, event.payload.survivorId);
      expect(survivor?.mergedInto).toBeNull();
    }
  });
});

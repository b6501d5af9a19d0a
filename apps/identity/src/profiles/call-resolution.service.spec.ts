import { Logger } from '@nestjs/common';
import type { Identifier } from '@meridian/contracts';
import type { Envelope, JetStreamPublisher } from '@meridian/messaging';
import { identifyEvent, trackEvent } from '../test-support/events';
import { CallResolutionService } from './call-resolution.service';
import { InvalidTraitsError, StaleProfileError } from './errors';
import type { IdentifierRepository } from './identifier.repository';
import { identifierKey } from './identifiers';
import { DEFAULT_IDENTITY_POLICY } from './identity-policy';
import { LiveProfiles } from './live-profiles';
import { emptyProfile, type Profile } from './profile.model';
import type { ProfileRepository } from './profile.repository';
import type { IdentifierClaim } from './identifier.repository';

/** In-memory stand-ins with the repositories' semantics (revision guard, first claim wins). */
class MemoryProfiles {
  readonly byId = new Map<string, Profile>();

  async findById(workspaceId: string, profileId: string): Promise<Profile | null> {
    const profile = this.byId.get(profileId);
    return profile?.workspaceId === workspaceId ? profile : null;
  }

  async findByIds(workspaceId: string, profileIds: readonly string[]): Promise<Profile[]> {
    return profileIds.flatMap((profileId) => {
      const profile = this.byId.get(profileId);
      return profile?.workspaceId === workspaceId ? [profile] : [];
    });
  }

  async save(profile: Profile): Promise<void> {
    const stored = this.byId.get(profile.profileId);
    if ((stored?.revision ?? 0) !== profile.revision - 1)
      throw new StaleProfileError(profile.profileId, profile.revision - 1);
    this.byId.set(profile.profileId, profile);
  }
}

class MemoryIdentifiers {
  readonly claims = new Map<string, IdentifierClaim>();
  failNextClaim = false;
  claimCalls = 0;

  async findAll(
    workspaceId: string,
    identifiers: readonly Identifier[],
  ): Promise<IdentifierClaim[]> {
    return identifiers.flatMap(
      (identifier) => this.claims.get(identifierKey(workspaceId, identifier)) ?? [],
    );
  }

  async claim(
    workspaceId: string,
    identifier: Identifier,
    owner: { profileId: string; partition: number },
  ) {
    this.claimCalls += 1;
    if (this.failNextClaim) {
      this.failNextClaim = false;
      throw new Error('connection lost');
    }
    const key = identifierKey(workspaceId, identifier);
    const holder = this.claims.get(key) ?? {
      identifier,
      profileId: owner.profileId,
      partition: owner.partition,
    };
    this.claims.set(key, holder);
    return holder;
  }
}

class RecordingPublisher {
  readonly published: { subject: string; event: Envelope }[] = [];

  async publish(subject: string, event: Envelope) {
    this.published.push({ subject, event });
    return { stream: 'S', seq: this.published.length, duplicate: false };
  }
}

function setUp() {
  const profiles = new MemoryProfiles();
  const identifiers = new MemoryIdentifiers();
  const publisher = new RecordingPublisher();
  const newProfiles: string[] = [];
  const profileRepository = profiles as unknown as ProfileRepository;
  const identifierRepository = identifiers as unknown as IdentifierRepository;
  const service = new CallResolutionService(
    profileRepository,
    identifierRepository,
    new LiveProfiles(profileRepository, identifierRepository),
    { policyFor: async () => DEFAULT_IDENTITY_POLICY },
    { onNewProfile: async (_cause, profile) => void newProfiles.push(profile.profileId) },
    publisher as unknown as JetStreamPublisher,
  );
  return { profiles, identifiers, publisher, service, newProfiles };
}

describe('CallResolutionService', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('creates a profile, claims its identifiers and publishes both events on its partition', async () => {
    const { profiles, identifiers, publisher, service } = setUp();
    const event = identifyEvent({ email: 'A@B.co' }, { userId: 'u1', anonymousId: 'a1' });

    await service.resolve(event);

    const [profile] = [...profiles.byId.values()];
    expect(profile?.identifiers).toHaveLength(3);
    expect([...identifiers.claims.values()].map((claim) => claim.profileId)).toEqual([
      profile?.profileId,
      profile?.profileId,
      profile?.profileId,
    ]);
    const partition = event.payload.partition;
    expect(publisher.published.map(({ subject, event: sent }) => [subject, sent.id])).toEqual([
      [`events.resolved.${partition}`, `${event.id}:resolved`],
      [`profile.updated.${partition}`, `${event.id}:profile-updated`],
    ]);
  });

  it('finishes after a crash between the profile write and the identifier claims, without a second profile', async () => {
    const { profiles, identifiers, publisher, service } = setUp();
    const event = identifyEvent({ name: 'Ann' }, { userId: 'u1' });
    identifiers.failNextClaim = true;
    await expect(service.resolve(event)).rejects.toThrow('connection lost');

    await service.resolve(event);

    expect(profiles.byId.size).toBe(1);
    const [profile] = [...profiles.byId.values()];
    expect(profile?.revision).toBe(1);
    expect([...identifiers.claims.values()].map((claim) => claim.profileId)).toEqual([
      profile?.profileId,
    ]);
    expect(publisher.published).toHaveLength(2);
    expect(publisher.published[1]?.event).toMatchObject({
      payload: { created: true, changes: { 'traits.name': 'Ann' } },
    });
  });

  it('republishes the same two events for a redelivered event and writes nothing', async () => {
    const { profiles, publisher, service } = setUp();
    const event = trackEvent('Clicked', { userId: 'u1' });
    await service.resolve(event);
    const firstPublish = [...publisher.published];

    await service.resolve(event);

    expect([...profiles.byId.values()][0]?.revision).toBe(1);
    expect(publisher.published.slice(2)).toEqual(firstPublish);
  });

  /** A stored profile holding `identifiers`, claimed in the index, on `partition`. */
  function storeProfile(
    context: ReturnType<typeof setUp>,
    profileId: string,
    partition: number,
    identifiers: Identifier[],
  ): void {
    const profile: Profile = {
      ...emptyProfile({
        profileId,
        workspaceId: 'ws-1',
        partition,
        now: '2025-01-01T00:00:00.000Z',
      }),
      identifiers,
      revision: 1,
    };
    context.profiles.byId.set(profileId, profile);
    for (const identifier of identifiers) {
      context.identifiers.claims.set(identifierKey('ws-1', identifier), {
        identifier,
        profileId,
        partition,
      });
    }
  }

  it('passes a call to the partition of the profile it belongs to, writing nothing here', async () => {
    const context = setUp();
    const event = identifyEvent({}, { userId: 'u1', anonymousId: 'a1' });
    const otherPartition = (event.payload.partition + 1) % 8;
    storeProfile(context, 'p-anon', otherPartition, [{ type: 'anonymousId', value: 'a1' }]);

    await context.service.resolve(event);

    expect(context.profiles.byId.size).toBe(1);
    expect(context.publisher.published).toEqual([
      {
        subject: `ingest.${otherPartition}`,
        event: expect.objectContaining({
          type: 'call.routed',
          causationId: event.id,
          payload: {
            partition: otherPartition,
            hops: 1,
            call: { ...event, payload: { ...event.payload, partition: otherPartition } },
          },
        }),
      },
    ]);
  });

  it('refuses to pass a call on once it has been passed on too often', async () => {
    const context = setUp();
    const event = identifyEvent({}, { anonymousId: 'a1' });
    storeProfile(context, 'p-anon', (event.payload.partition + 1) % 8, [
      { type: 'anonymousId', value: 'a1' },
    ]);

    await expect(context.service.resolve(event, 4)).rejects.toThrow(
      /passed between partitions 4 times/,
    );
  });

  it("applies a login to the known user here and asks the anonymous profile's partition to merge it in", async () => {
    const context = setUp();
    const event = identifyEvent({ plan: 'pro' }, { userId: 'u1', anonymousId: 'a1' });
    const here = event.payload.partition;
    const otherPartition = (here + 1) % 8;
    storeProfile(context, 'p-user', here, [{ type: 'userId', value: 'u1' }]);
    storeProfile(context, 'p-anon', otherPartition, [{ type: 'anonymousId', value: 'a1' }]);

    await context.service.resolve(event);

    expect(context.profiles.byId.get('p-user')?.traits).toEqual({ plan: 'pro' });
    const sent = context.publisher.published.map(({ subject, event: out }) => [subject, out.type]);
    expect(sent).toEqual([
      [`ingest.${otherPartition}`, 'profile.merge.requested'],
      [`events.resolved.${here}`, 'events.resolved'],
      [`profile.updated.${here}`, 'profile.updated'],
    ]);
    expect(context.publisher.published[0]?.event).toMatchObject({
      payload: { survivorId: 'p-user', absorbedId: 'p-anon', absorbedPartition: otherPartition },
    });
  });

  it('keeps a shared device with its first user: a second user gets a profile of their own', async () => {
    const context = setUp();
    const event = identifyEvent({}, { userId: 'u2', anonymousId: 'shared' });
    storeProfile(context, 'p-first', event.payload.partition, [
      { type: 'userId', value: 'u1' },
      { type: 'anonymousId', value: 'shared' },
    ]);

    await context.service.resolve(event);

    const created = [...context.profiles.byId.values()].find((p) => p.profileId !== 'p-first');
    expect(created?.identifiers).toEqual([{ type: 'userId', value: 'u2' }]);
    expect(context.profiles.byId.get('p-first')?.revision).toBe(1);
  });

  it('refuses traits with dotted or $ keys before touching anything', async () => {
    const { profiles, identifiers, publisher, service } = setUp();

    await expect(service.resolve(identifyEvent({ 'a.b': 1 }, { userId: 'u1' }))).rejects.toThrow(
      InvalidTraitsError,
    );

    expect(profiles.byId.size + identifiers.claims.size + publisher.published.length).toBe(0);
  });

  it('asks probabilistic matching about a profile an identify created without a known identifier, and only then', async () => {
    const context = setUp();
    const unknown = identifyEvent({ firstName: 'Ada' }, { userId: 'u-new' });
    await context.service.resolve(unknown);
    await context.service.resolve(trackEvent('Viewed', { userId: 'u-other' }));
    await context.service.resolve(identifyEvent({ plan: 'pro' }, { userId: 'u-new' }));

    const [created] = [...context.profiles.byId.values()];
    expect(context.newProfiles).toEqual([created?.profileId]);
  });

  it('does not claim again the identifiers the index already gives the profile', async () => {
    const context = setUp();
    await context.service.resolve(identifyEvent({}, { userId: 'u1', anonymousId: 'a1' }));
    const claimsOfFirstCall = context.identifiers.claimCalls;

    await context.service.resolve(trackEvent('Viewed', { userId: 'u1', anonymousId: 'a1' }));

    expect(claimsOfFirstCall).toBe(2);
    expect(context.identifiers.claimCalls).toBe(2);
  });
});

import { Logger } from '@nestjs/common';
import {
  DataSubjectDeletionConfirmedV1,
  DataSubjectDeletionRequestedV1,
  ProfileErasedV1,
  ProfileErasureRequestedV1,
} from '@meridian/contracts';
import type { JetStreamPublisher } from '@meridian/messaging';
import { ProfileErasureLedger, type ErasedProfilesRepository } from '@meridian/profile-erasure';
import type { MatchReviewService } from '../matching';
import {
  UnprocessableEventError,
  type IdentifierRepository,
  type ProfileRepository,
} from '../profiles';
import { erasureCommands } from './erasure-events';
import { ProfileErasureService } from './profile-erasure.service';
import {
  MemoryErasedProfiles,
  MemoryIdentity,
  MemoryMatchReviews,
  RecordingPublisher,
} from './test-support/erasure-doubles';

const WORKSPACE = 'ws-1';
const ada = { type: 'userId', value: 'ada' };
const adaEmail = { type: 'email', value: 'ada@example.com' };
const adaAnon = { type: 'anonymousId', value: 'anon-ada' };
const bob = { type: 'userId', value: 'bob' };

const request = DataSubjectDeletionRequestedV1.parse({
  id: 'dsr_1',
  type: 'data-subject.deletion.requested',
  version: 1,
  workspaceId: WORKSPACE,
  occurredAt: '2026-11-23T10:00:00.000Z',
  receivedAt: '2026-11-23T10:00:00.000Z',
  correlationId: 'dsr_1',
  causationId: null,
  payload: {
    requestId: 'dsr_1',
    requestType: 'DELETE_ONLY',
    identifiers: [ada, adaEmail],
    requiredServices: ['identity'],
  },
});

function setUp() {
  for (const level of ['log', 'debug'] as const)
    jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
  const store = new MemoryIdentity();
  store.addProfile(WORKSPACE, 'prof_ada_known', 1, [ada, adaEmail]);
  store.addProfile(WORKSPACE, 'prof_ada_anon', 6, [adaAnon]);
  store.addProfile(WORKSPACE, 'prof_bob', 1, [bob]);
  // Reviews the matcher queued: one of Ada's profiles with Bob's, her two profiles, Bob's with
  // Carol's.
  const reviews = new MemoryMatchReviews();
  reviews.add(WORKSPACE, 'rev_ada_bob', ['prof_ada_known', 'prof_bob']);
  reviews.add(WORKSPACE, 'rev_ada_ada', ['prof_ada_anon', 'prof_ada_known']);
  reviews.add(WORKSPACE, 'rev_bob_carol', ['prof_bob', 'prof_carol']);
  const receipts = new MemoryErasedProfiles();
  const publisher = new RecordingPublisher();
  const service = new ProfileErasureService(
    store as unknown as ProfileRepository,
    store as unknown as IdentifierRepository,
    reviews as unknown as MatchReviewService,
    new ProfileErasureLedger(
      receipts as unknown as ErasedProfilesRepository,
      publisher as unknown as JetStreamPublisher,
      { serviceName: 'identity', collection: 'identity_erased_profiles' },
    ),
    publisher as unknown as JetStreamPublisher,
  );
  // The commands identity-deletions would publish for Ada's two profiles.
  const [forAnon, forKnown] = erasureCommands(request, [
    { profileId: 'prof_ada_anon', partition: 6 },
    { profileId: 'prof_ada_known', partition: 1 },
  ]).map((message) => ProfileErasureRequestedV1.parse(message.event));
  if (forAnon === undefined || forKnown === undefined) throw new Error('expected two commands');
  const confirmations = () =>
    publisher
      .on('privacy.deletion.confirmed.identity')
      .map((event) => DataSubjectDeletionConfirmedV1.parse(event));
  return { store, reviews, receipts, publisher, service, forAnon, forKnown, confirmations };
}

afterEach(() => jest.restoreAllMocks());

describe('ProfileErasureService', () => {
  it("deletes the profile and every claim pointing at it, leaving other people's profiles and claims", async () => {
    const { store, service, forKnown } = setUp();

    await service.erase(forKnown, 1);

    expect(store.profiles.has('prof_ada_known')).toBe(false);
    expect(store.claimedBy('prof_ada_known')).toEqual([]);
    expect(store.profiles.has('prof_bob')).toBe(true);
    expect(store.claimedBy('prof_bob')).toEqual([bob]);
    expect(store.profiles.has('prof_ada_anon')).toBe(true);
  });

  it('deletes every match review naming the profile, leaving reviews of other people', async () => {
    const { reviews, service, forKnown } = setUp();

    await service.erase(forKnown, 1);

    expect([...reviews.reviews.keys()]).toEqual(['rev_bob_carol']);
  });

  it('confirms the request only when the last of its profiles is erased, counting every deleted record', async () => {
    const { service, forAnon, forKnown, confirmations } = setUp();

    await service.erase(forKnown, 1);
    expect(confirmations()).toEqual([]);

    await service.erase(forAnon, 6);
    expect(confirmations()).toEqual([
      expect.objectContaining({
        id: 'dsr_1:identity',
        causationId: 'dsr_1',
        payload: { requestId: 'dsr_1', service: 'identity', deletedRecords: 7 },
      }),
    ]);
  });

  it('tells the services keeping data by profile id, on the partition of the erased profile, naming every profile of the request', async () => {
    const { publisher, service, forKnown } = setUp();

    await service.erase(forKnown, 1);

    expect(publisher.published.map((message) => message.subject)).toEqual(['events.erased.1']);
    expect(ProfileErasedV1.parse(publisher.published[0]?.event)).toMatchObject({
      id: 'dsr_1:erase:prof_ada_known:erased',
      causationId: 'dsr_1',
      payload: {
        requestId: 'dsr_1',
        profileId: 'prof_ada_known',
        partition: 1,
        requestProfileIds: ['prof_ada_anon', 'prof_ada_known'],
      },
    });
  });

  it('keeps no profile id in its receipts', async () => {
    const { receipts, service, forKnown } = setUp();

    await service.erase(forKnown, 1);

    expect(receipts.byId.size).toBe(1);
    expect(JSON.stringify([...receipts.byId.values()])).not.toContain('prof_ada_known');
  });

  it('after a crash before the confirmation, the redelivery deletes nothing more and confirms with the first count', async () => {
    const { store, publisher, service, forAnon, forKnown, confirmations } = setUp();
    await service.erase(forKnown, 1);
    publisher.failNextPublish = true;
    await expect(service.erase(forAnon, 6)).rejects.toThrow('publish timed out');

    await service.erase(forAnon, 6);
    await service.erase(forKnown, 1);

    expect(store.profiles.has('prof_ada_anon')).toBe(false);
    expect(confirmations().map((event) => [event.id, event.payload.deletedRecords])).toEqual([
      ['dsr_1:identity', 7],
      ['dsr_1:identity', 7],
    ]);
  });

  it('after a crash between releasing the claims and deleting the profile, the redelivery deletes the profile', async () => {
    const { store, service, forKnown } = setUp();
    store.failNextProfileDelete = true;
    await expect(service.erase(forKnown, 1)).rejects.toThrow('connection lost');
    expect(store.claimedBy('prof_ada_known')).toEqual([]);

    await service.erase(forKnown, 1);

    expect(store.profiles.has('prof_ada_known')).toBe(false);
  });

  it('refuses, deleting nothing, a profile that lives on another partition than the command names', async () => {
    const { store, service, forKnown } = setUp();
    const misrouted = { ...forKnown, payload: { ...forKnown.payload, partition: 6 } };

    await expect(service.erase(misrouted, 6)).rejects.toThrow(UnprocessableEventError);

    expect(store.profiles.has('prof_ada_known')).toBe(true);
    expect(store.claimedBy('prof_ada_known')).toEqual([ada, adaEmail]);
  });

  it("refuses a command that reached another partition's consumer", async () => {
    const { store, service, forKnown } = setUp();

    await expect(service.erase(forKnown, 0)).rejects.toThrow(/only the owner of its partition/);

    expect(store.profiles.has('prof_ada_known')).toBe(true);
  });
});

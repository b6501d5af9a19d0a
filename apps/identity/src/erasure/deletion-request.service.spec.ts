import { Logger } from '@nestjs/common';
import {
  DataSubjectDeletionConfirmedV1,
  DataSubjectDeletionRequestedV1,
  ProfileErasedV1,
  ProfileErasureRequestedV1,
  type Identifier,
} from '@meridian/contracts';
import type { JetStreamPublisher } from '@meridian/messaging';
import { ProfileErasureLedger, type ErasedProfilesRepository } from '@meridian/profile-erasure';
import type { IdentifierRepository, ProfileRepository } from '../profiles';
import { DeletionRequestService } from './deletion-request.service';
import {
  MemoryErasedProfiles,
  MemoryIdentity,
  RecordingPublisher,
} from './test-support/erasure-doubles';

const WORKSPACE = 'ws-1';

function deletionRequest(requestId: string, identifiers: Identifier[]) {
  return DataSubjectDeletionRequestedV1.parse({
    id: requestId,
    type: 'data-subject.deletion.requested',
    version: 1,
    workspaceId: WORKSPACE,
    occurredAt: '2026-11-23T10:00:00.000Z',
    receivedAt: '2026-11-23T10:00:00.000Z',
    correlationId: requestId,
    causationId: null,
    payload: { requestId, requestType: 'SUPPRESS_WITH_DELETE', identifiers, requiredServices: [] },
  });
}

function setUp() {
  for (const level of ['log', 'debug'] as const)
    jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
  const store = new MemoryIdentity();
  store.addProfile(WORKSPACE, 'prof_ada_known', 1, [
    { type: 'userId', value: 'ada' },
    { type: 'email', value: 'ada@example.com' },
  ]);
  store.addProfile(WORKSPACE, 'prof_ada_crm', 6, [{ type: 'external:crm_id', value: 'C-7' }]);
  store.addProfile('ws-other', 'prof_ada_elsewhere', 2, [{ type: 'userId', value: 'ada' }]);
  const publisher = new RecordingPublisher();
  const erased = new MemoryErasedProfiles();
  const ledger = new ProfileErasureLedger(
    erased as unknown as ErasedProfilesRepository,
    publisher as unknown as JetStreamPublisher,
    { serviceName: 'identity', collection: 'identity_erased_profiles' },
  );
  const service = new DeletionRequestService(
    store as unknown as ProfileRepository,
    store as unknown as IdentifierRepository,
    publisher as unknown as JetStreamPublisher,
    ledger,
  );
  return { store, erased, publisher, service };
}

afterEach(() => jest.restoreAllMocks());

describe('DeletionRequestService', () => {
  it('erases the profiles merges tie to the person, even those holding none of the requested identifiers', async () => {
    const { store, publisher, service } = setUp();
    // Ada's anonymous visit merged into her account on login, an older visit merged into
    // that one, and her account itself merged into a profile found later to be hers.
    const retired = (profileId: string, partition: number, mergedInto: string) =>
      store.addProfile(WORKSPACE, profileId, partition, [], {
        unclaimed: [{ type: 'anonymousId', value: `anon-${profileId}` }],
        mergedInto,
      });
    retired('prof_visit', 3, 'prof_ada_known');
    retired('prof_older_visit', 4, 'prof_visit');
    store.addProfile(WORKSPACE, 'prof_survivor', 5, [{ type: 'deviceId', value: 'd-1' }]);
    retired('prof_ada_known_retired', 1, 'prof_survivor');
    store.addProfile(WORKSPACE, 'prof_bob', 2, [{ type: 'userId', value: 'bob' }]);
    retired('prof_bob_visit', 2, 'prof_bob');
    store.addProfile(
      WORKSPACE,
      'prof_ada_known',
      1,
      [
        { type: 'userId', value: 'ada' },
        { type: 'email', value: 'ada@example.com' },
      ],
      { mergedInto: 'prof_survivor' },
    );

    await service.carryOut(deletionRequest('dsr_merged', [{ type: 'userId', value: 'ada' }]));

    const erased = publisher
      .on('ingest.')
      .map((event) => ProfileErasureRequestedV1.parse(event).payload.profileId);
    expect(erased.sort()).toEqual([
      'prof_ada_known',
      'prof_ada_known_retired',
      'prof_older_visit',
      'prof_survivor',
      'prof_visit',
    ]);
  });

  it("sends an erasure command to the partition of each profile the request names, in the request's workspace only", async () => {
    const { publisher, service } = setUp();

    await service.carryOut(
      deletionRequest('dsr_1', [
        { type: 'email', value: 'ADA@example.com' },
        { type: 'crm_id', value: 'C-7' },
      ]),
    );

    expect(publisher.published.map((message) => message.subject)).toEqual(['ingest.6', 'ingest.1']);
    const commands = publisher
      .on('ingest.')
      .map((event) => ProfileErasureRequestedV1.parse(event).payload);
    expect(commands).toEqual([
      expect.objectContaining({ profileId: 'prof_ada_crm', partition: 6 }),
      expect.objectContaining({ profileId: 'prof_ada_known', partition: 1 }),
    ]);
    expect(commands[0]?.requestProfileIds).toEqual(['prof_ada_crm', 'prof_ada_known']);
  });

  it('also erases profiles that hold an identifier of the request whose claim another profile won', async () => {
    const { store, publisher, service } = setUp();
    // Ada's offline visit resolved after her sign-up had claimed her email on another
    // partition: the visit's profile keeps the email as a trait only.
    store.addProfile(WORKSPACE, 'prof_ada_visit', 3, [], {
      traits: { email: ' Ada@Example.com', name: 'Ada' },
    });
    // Lost a race for Ada's phone: on the record, not in the index.
    store.addProfile(WORKSPACE, 'prof_ada_race', 5, [], {
      unclaimed: [{ type: 'phone', value: '+4712345678' }],
    });

    await service.carryOut(
      deletionRequest('dsr_1', [
        { type: 'email', value: 'ada@example.com' },
        { type: 'phone', value: '+4712345678' },
      ]),
    );

    const commands = publisher
      .on('ingest.')
      .map((event) => ProfileErasureRequestedV1.parse(event).payload);
    expect(commands.map((command) => [command.profileId, command.partition])).toEqual([
      ['prof_ada_known', 1],
      ['prof_ada_race', 5],
      ['prof_ada_visit', 3],
    ]);
  });

  it('writes no profile and no claim itself', async () => {
    const { store, service } = setUp();

    await service.carryOut(deletionRequest('dsr_1', [{ type: 'userId', value: 'ada' }]));

    expect(store.profiles.has('prof_ada_known')).toBe(true);
    expect(store.claimedBy('prof_ada_known')).toHaveLength(2);
  });

  it('confirms at once, with nothing deleted, when no profile carries the identifiers, and tells the other services the request matched nobody', async () => {
    const { publisher, service } = setUp();

    await service.carryOut(deletionRequest('dsr_2', [{ type: 'userId', value: 'nobody' }]));

    expect(publisher.published.map((message) => message.subject)).toEqual([
      'events.erased.0',
      'privacy.deletion.confirmed.identity',
    ]);
    expect(ProfileErasedV1.parse(publisher.published[0]?.event)).toMatchObject({
      id: 'dsr_2:erased',
      causationId: 'dsr_2',
      payload: { requestId: 'dsr_2', profileId: null, partition: 0, requestProfileIds: [] },
    });
    expect(DataSubjectDeletionConfirmedV1.parse(publisher.published[1]?.event)).toMatchObject({
      id: 'dsr_2:identity',
      workspaceId: WORKSPACE,
      causationId: 'dsr_2',
      payload: { requestId: 'dsr_2', service: 'identity', deletedRecords: 0 },
    });
  });

  it('on a redelivery after the owners erased every profile, confirms again with their count and does not tell the other services the request matched nobody', async () => {
    const { store, erased, publisher, service } = setUp();
    const request = deletionRequest('dsr_1', [{ type: 'userId', value: 'ada' }]);
    store.profiles.delete('prof_ada_known');
    await store.releaseAllOf(WORKSPACE, 'prof_ada_known');
    const erasure = { workspaceId: WORKSPACE, profileId: 'prof_ada_known', requestId: 'dsr_1' };
    await erased.beginIfAbsent({ ...erasure, erasedAt: new Date() });
    await erased.completeIfOpen(WORKSPACE, 'prof_ada_known', 3);

    await service.carryOut(request);

    expect(publisher.published.map((message) => message.subject)).toEqual([
      'privacy.deletion.confirmed.identity',
    ]);
    expect(DataSubjectDeletionConfirmedV1.parse(publisher.published[0]?.event).payload).toEqual({
      requestId: 'dsr_1',
      service: 'identity',
      deletedRecords: 3,
    });
  });

  it('republishes identical command ids when the same request is handled again', async () => {
    const { publisher, service } = setUp();
    const request = deletionRequest('dsr_1', [{ type: 'userId', value: 'ada' }]);

    await service.carryOut(request);
    await service.carryOut(request);

    const ids = publisher.published.map((message) => message.event.id);
    expect(ids).toEqual(['dsr_1:erase:prof_ada_known', 'dsr_1:erase:prof_ada_known']);
  });
});

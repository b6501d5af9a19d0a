import type { INestApplication } from '@nestjs/common';
import {
  DataSubjectDeletionRequestedV1,
  EventsResolvedV1,
  IdentityMergedV1,
  ProfileErasedV1,
  ProfileScoresUpdatedV1,
  ProfileUpdatedV1,
  consumers,
  subjects,
  type CallAcceptedV1,
  type ConsumerDefinition,
  type Identifier,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { openDatabase, type DatabaseHandle } from '@meridian/persistence';
import {
  createTestNamespace,
  deletionConfirmationsOf,
  findReferences,
  type TestNamespace,
} from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { MatchReviewService } from '../matching';
import { ProfilePii, ProfileRepository } from '../profiles';
import {
  identifyEvent,
  messageDeliveredEvent,
  messageSentEvent,
  trackEvent,
} from '../test-support/events';

// With 4 partitions Ada's anonymous visit (anon:anon-ada) and her account (user:user-ada)
// land on different partitions, so her deletion is carried out by two owners.
const PARTITIONS = 4;
const WORKSPACE = 'ws-erasure';
const WAIT_MS = 20_000;
const options = { workspaceId: WORKSPACE, partitions: PARTITIONS };

const ADA_EMAIL = 'ada@example.com';
const ADA_PHONE = '+4712345678';

describe('data-subject deletions in identity (in process, real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let database: DatabaseHandle;

  // Ada buys as a known user from one device and visits anonymously from another, leaving
  // her email; signing up on that second device proves both are her, so the visit's profile is
  // merged into her account's and stays behind retired (see the first test).
  const adaVisit = identifyEvent(
    { email: 'Ada@Example.com', name: 'Ada' },
    { ...options, anonymousId: 'anon-ada' },
  );
  const adaSignUp = identifyEvent(
    { email: 'Ada@Example.com', phone: ADA_PHONE, name: 'Ada Lovelace', plan: 'pro' },
    { ...options, userId: 'user-ada', anonymousId: 'anon-ada' },
  );
  const adaOrder = trackEvent('Order Completed', { ...options, userId: 'user-ada' });
  const bobSignUp = identifyEvent(
    { email: 'bob@example.com', name: 'Bob' },
    { ...options, userId: 'user-bob' },
  );
  const bobOrder = trackEvent('Order Completed', { ...options, userId: 'user-bob' });
  const adaCalls = [adaVisit, adaSignUp, adaOrder];
  const bobCalls = [bobSignUp, bobOrder];

  let adaProfileIds: string[] = [];
  let adaAccountId: string;
  let bobProfileId: string;

  const ingest = (event: CallAcceptedV1) =>
    publisher.publish(subjects.ingest(event.payload.partition), event);

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
      payload: {
        requestId,
        requestType: 'SUPPRESS_WITH_DELETE',
        identifiers,
        requiredServices: ['identity'],
      },
    });
  }
  const adaDeletion = deletionRequest('dsr_ada', [
    { type: 'userId', value: 'user-ada' },
    { type: 'email', value: ADA_EMAIL },
    { type: 'phone', value: ADA_PHONE },
  ]);

  const requestDeletion = (request: DataSubjectDeletionRequestedV1) =>
    publisher.publish(subjects.deletionRequested(), request);

  const confirmationsOf = (requestId: string) => deletionConfirmationsOf(namespace, requestId);

  const waitForConfirmations = (requestId: string, count: number) =>
    waitFor(
      async () => {
        const confirmations = await confirmationsOf(requestId);
        return confirmations.length >= count ? confirmations : undefined;
      },
      { description: `${count} confirmation(s) of ${requestId}`, timeoutMs: WAIT_MS },
    );

  const resolvedCount = (count: number) =>
    waitFor(
      async () => {
        const events = (await namespace.readStream('EVENTS')).map((stored) =>
          EventsResolvedV1.parse(stored.body),
        );
        return events.length >= count ? events : undefined;
      },
      { description: `${count} calls resolved`, timeoutMs: WAIT_MS },
    );

  /** How the store holds an email or phone: encrypted, and found by its blind index. */
  const blindIndexOf = (type: 'email' | 'phone', value: string) =>
    app.get(ProfilePii).identifierIndex({ type, value });
  const adaValues = () => [
    ...adaProfileIds,
    'user-ada',
    'anon-ada',
    blindIndexOf('email', ADA_EMAIL),
    blindIndexOf('phone', ADA_PHONE),
  ];
  const bobValues = () => [bobProfileId, 'user-bob', blindIndexOf('email', 'bob@example.com')];

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'erasure', partitions: PARTITIONS });
    // A short duplicate window on PRIVACY only, so the spec can redeliver a request for real.
    await namespace.admin.jsm.streams.update(namespace.names.stream('PRIVACY'), {
      duplicate_window: 200_000_000,
    });
    const config = loadIdentityConfig(namespace.env());
    app = await createIdentityApp(config, { logDestination: { write: () => undefined } });
    await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    database = await openDatabase(namespace.infra.mongoUrl, namespace.name);
  });

  afterAll(async () => {
    await database?.close();
    await app?.close();
    await namespace?.dispose();
  });

  it('holds two profile documents of Ada, the one merged into the other included, with her traits, timeline and message history', async () => {
    expect(adaVisit.payload.partition).not.toBe(adaOrder.payload.partition);
    for (const call of [adaOrder, ...bobCalls, adaVisit]) await ingest(call);
    await resolvedCount(4);
    await ingest(adaSignUp);
    const resolved = await resolvedCount(5);
    const profileOf = (call: CallAcceptedV1) =>
      resolved.find((event) => event.causationId === call.id)?.payload.profileId ?? '';
    adaProfileIds = [...new Set(adaCalls.map(profileOf))];
    bobProfileId = profileOf(bobSignUp);
    expect(adaProfileIds).toHaveLength(2);
    await waitFor(
      async () =>
        (await namespace.readStream('PROFILES')).some(
          (stored) => IdentityMergedV1.safeParse(stored.body).success,
        ),
      { description: "the visit's profile merged into the account", timeoutMs: WAIT_MS },
    );
    // The retired profile's claims moved to the account; its document still holds its data.
    const claimsOfVisit = { profileId: profileOf(adaVisit) };
    expect(await database.db.collection('identifiers').countDocuments(claimsOfVisit)).toBe(0);

    const accountId = profileOf(adaSignUp);
    adaAccountId = accountId;
    const sent = messageSentEvent({
      ...options,
      profileId: accountId,
      partition: adaSignUp.payload.partition,
    });
    await publisher.publish(subjects.message('sent', 'email', sent.payload.partition), sent);
    await waitFor(
      async () =>
        (await namespace.readStream('PROFILES')).some(
          (stored) =>
            ProfileUpdatedV1.safeParse(stored.body).data?.id === `${sent.id}:profile-updated`,
        ),
      { description: 'the message recorded on the profile', timeoutMs: WAIT_MS },
    );

    // The matcher was unsure whether her visit and her account are Bob: two reviews queued.
    const unsure = {
      weight: 6.5,
      matchProbability: 0.4,
      explanation: [{ field: 'lastName', level: 1, agreement: 'JW ≥ 0.94', weight: 6.5 }],
    };
    const reviews = app.get(MatchReviewService);
    for (const adaProfileId of adaProfileIds)
      expect(await reviews.queueReview(WORKSPACE, adaProfileId, bobProfileId, unsure)).toEqual(
        expect.objectContaining({ queued: true }),
      );

    // Her email and phone are nowhere in clear text: encrypted at rest.
    expect(await findReferences(database.db, [ADA_EMAIL, ADA_PHONE, 'bob@example.com'])).toEqual(
      [],
    );
    // The scan that must come back empty afterwards finds Ada everywhere she is now.
    const before = await findReferences(database.db, adaValues());
    expect(new Set(before.map((reference) => reference.value))).toEqual(new Set(adaValues()));
    expect(new Set(before.map((reference) => reference.collection))).toEqual(
      new Set(['profiles', 'identifiers', 'match_reviews']),
    );
  });

  it("erases every profile of the person on its partition's owner and confirms under one id, after which no document anywhere mentions her", async () => {
    await requestDeletion(adaDeletion);

    const confirmations = await waitForConfirmations('dsr_ada', 1);

    expect(confirmations[0]).toMatchObject({
      id: 'dsr_ada:identity',
      workspaceId: WORKSPACE,
      causationId: 'dsr_ada',
      // Two profile documents (the account and the retired visit), the account's claims
      // (userId, anonymousId, email, phone) and the two match reviews naming her.
      payload: { requestId: 'dsr_ada', service: 'identity', deletedRecords: 8 },
    });
    expect(await findReferences(database.db, adaValues())).toEqual([]);
    // Two owners finishing at once publish the same confirmation (id and count), which the
    // stream stores once within its duplicate window (shortened here).
    const again = await confirmationsOf('dsr_ada');
    expect(new Set(again.map((event) => JSON.stringify([event.id, event.payload])))).toEqual(
      new Set([JSON.stringify([confirmations[0]?.id, confirmations[0]?.payload])]),
    );
    // Each profile is announced to the services keeping data by profile id, on its partition.
    const announced = (await namespace.readStream('EVENTS'))
      .map((stored) => ProfileErasedV1.safeParse(stored.body))
      .flatMap((parsed) => (parsed.success ? [parsed.data.payload] : []));
    expect(announced.map((payload) => payload.profileId).sort()).toEqual([...adaProfileIds].sort());
    expect(announced.every((payload) => payload.requestProfileIds.length === 2)).toBe(true);
    expect(await namespace.readStream('DLQ')).toEqual([]);
  });

  it('leaves everything of the other person as it was', async () => {
    const bob = await findReferences(database.db, bobValues());

    expect(new Set(bob.map((reference) => reference.value))).toEqual(new Set(bobValues()));
    const profile = await app.get(ProfileRepository).findById(WORKSPACE, bobProfileId);
    expect(profile).toMatchObject({
      traits: { email: 'bob@example.com', name: 'Bob' },
      revision: 2,
      computed: expect.objectContaining({ eventCounts: [{ name: 'Order Completed', count: 1 }] }),
    });
  });

  it('drops, without dead-lettering, events about her erased profile that were still on their way: a late delivery report and scores', async () => {
    const accountId = adaAccountId;
    const partition = adaSignUp.payload.partition;
    const delivered = messageDeliveredEvent({ ...options, profileId: accountId, partition });
    await publisher.publish(subjects.message('delivered', 'email', partition), delivered);
    const scores = ProfileScoresUpdatedV1.parse({
      id: 'late-scores-ada',
      type: 'profile.scores.updated',
      version: 1,
      workspaceId: WORKSPACE,
      occurredAt: '2026-11-24T10:00:00.000Z',
      receivedAt: '2026-11-24T10:00:00.000Z',
      correlationId: 'late-scores-ada',
      causationId: null,
      payload: {
        profileId: accountId,
        partition,
        scoredAt: '2026-11-24T10:00:00.000Z',
        scores: [{ name: 'churn', value: 0.3 }],
        segments: { entered: ['At Risk'] },
      },
    });
    await publisher.publish(subjects.ingest(partition), scores);
    // Both handled (acknowledged or dead-lettered) once their consumers have nothing open.
    const idle = async (consumer: ConsumerDefinition, stream: 'MESSAGES' | 'INGEST') => {
      const { durable } = namespace.names.consumer(consumer, partition);
      const info = await namespace.admin.jsm.consumers.info(
        namespace.names.stream(stream),
        durable,
      );
      return info.num_pending === 0 && info.num_ack_pending === 0;
    };
    await waitFor(
      async () =>
        ((await idle(consumers.identityMessages, 'MESSAGES')) &&
          (await idle(consumers.identityIngest, 'INGEST'))) ||
        undefined,
      { description: 'the late events handled', timeoutMs: WAIT_MS },
    );
    expect(await namespace.readStream('DLQ')).toEqual([]);
    expect(await findReferences(database.db, adaValues())).toEqual([]);
  });

  it('confirms a redelivered request again, deleting nothing more, with the count of its erasure', async () => {
    const before = (await confirmationsOf('dsr_ada')).length;

    // Delivered again until a new confirmation is stored: copies within the (short) duplicate
    // window of the request or of its confirmation are dropped by the stream.
    const confirmations = await waitFor(
      async () => {
        await requestDeletion(adaDeletion);
        const stored = await confirmationsOf('dsr_ada');
        return stored.length > before ? stored : undefined;
      },
      {
        description: 'a confirmation of the redelivered request',
        timeoutMs: WAIT_MS,
        intervalMs: 150,
      },
    );

    expect(confirmations.at(-1)).toMatchObject({
      id: 'dsr_ada:identity',
      payload: { requestId: 'dsr_ada', deletedRecords: 8 },
    });
    expect(await findReferences(database.db, adaValues())).toEqual([]);
    expect(await namespace.readStream('DLQ')).toEqual([]);
  });

  it('confirms at once a request for a person identity never saw, without any erasure command', async () => {
    await requestDeletion(
      deletionRequest('dsr_nobody', [{ type: 'email', value: 'nobody@example.com' }]),
    );

    const [confirmation] = await waitForConfirmations('dsr_nobody', 1);

    expect(confirmation?.payload).toEqual({
      requestId: 'dsr_nobody',
      service: 'identity',
      deletedRecords: 0,
    });
    const commands = (await namespace.readStream('INGEST')).filter((stored) =>
      JSON.stringify(stored.body).includes('"causationId":"dsr_nobody"'),
    );
    expect(commands).toEqual([]);
    // The services keeping data by profile id are told it matched nobody, so they confirm too.
    const announced = (await namespace.readStream('EVENTS'))
      .map((stored) => ProfileErasedV1.safeParse(stored.body))
      .flatMap((parsed) => (parsed.success ? [parsed.data.payload] : []))
      .filter((payload) => payload.requestId === 'dsr_nobody');
    expect(announced).toEqual([
      { requestId: 'dsr_nobody', profileId: null, partition: 0, requestProfileIds: [] },
    ]);
  });

  it("erases the person's profile merged away on login, though it holds none of the request's identifiers", async () => {
    // Carol has an account, browses anonymously on a second device, then logs in there: the
    // visit's profile, which holds only its anonymousId, is merged into her account.
    const carolSignUp = identifyEvent({ name: 'Carol' }, { ...options, userId: 'user-carol' });
    const carolVisit = trackEvent('Product Viewed', { ...options, anonymousId: 'anon-carol' });
    const carolLogin = identifyEvent(
      { name: 'Carol' },
      { ...options, userId: 'user-carol', anonymousId: 'anon-carol' },
    );
    const profileOf = async (call: CallAcceptedV1) =>
      waitFor(
        async () =>
          (await namespace.readStream('EVENTS'))
            .map((stored) => EventsResolvedV1.safeParse(stored.body))
            .find((parsed) => parsed.success && parsed.data.causationId === call.id)?.data?.payload
            .profileId,
        { description: `call ${call.id} resolved`, timeoutMs: WAIT_MS },
      );
    // The login only after both are resolved: on partitions of their own, a login resolved
    // first would give the account the anonymousId before the visit made a profile of it.
    for (const call of [carolSignUp, carolVisit]) await ingest(call);
    const visitId = await profileOf(carolVisit);
    const accountId = await profileOf(carolSignUp);
    await ingest(carolLogin);
    await waitFor(
      async () => (await app.get(ProfileRepository).findById(WORKSPACE, visitId))?.mergedInto,
      { description: "the visit's profile merged into Carol's account", timeoutMs: WAIT_MS },
    );
    const carolValues = [visitId, accountId, 'user-carol', 'anon-carol'];
    expect(await findReferences(database.db, carolValues)).not.toEqual([]);

    await requestDeletion(deletionRequest('dsr_carol', [{ type: 'userId', value: 'user-carol' }]));
    await waitForConfirmations('dsr_carol', 1);

    expect(await findReferences(database.db, carolValues)).toEqual([]);
    expect(await namespace.readStream('DLQ')).toEqual([]);
  });
});

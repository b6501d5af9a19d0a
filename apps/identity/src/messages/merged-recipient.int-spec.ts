import type { INestApplication } from '@nestjs/common';
import { MessageRoutedV1, MessageSkippedV1, subjects } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { emptyProfile, ProfileRepository, type Profile } from '../profiles';

const WORKSPACE = 'ws-merged-recipient';
const NOW = '2026-11-24T09:00:00.000Z';
const WAIT_MS = 30_000;

/** A stored profile at revision 1, retired into `mergedInto` when given. */
function storedProfile(profileId: string, partition: number, mergedInto: string | null): Profile {
  const profile = emptyProfile({ profileId, workspaceId: WORKSPACE, partition, now: NOW });
  return { ...profile, mergedInto, revision: 1 };
}

/** A push the orchestrator skipped for `profileId`, as it was before the merge it missed. */
function skippedFor(id: string, profileId: string, partition: number): MessageSkippedV1 {
  return MessageSkippedV1.parse({
    id,
    type: 'message.skipped',
    version: 1,
    workspaceId: WORKSPACE,
    occurredAt: NOW,
    receivedAt: NOW,
    correlationId: id,
    causationId: null,
    payload: {
      messageId: `${id}-message`,
      profileId,
      partition,
      channel: 'push',
      templateId: 'winback',
      journeyId: null,
      reason: 'quiet hours',
    },
  });
}

describe('message events of a merged profile (real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let profiles: ProfileRepository;

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'identity-merged-recipient', partitions: 2 });
    const config = loadIdentityConfig(namespace.env({ GRPC_PORT: '0' }));
    app = await createIdentityApp(config, { logDestination: { write: () => undefined } });
    await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
    profiles = app.get(ProfileRepository);
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  async function historyOf(profileId: string, length: number): Promise<Profile> {
    return waitFor(
      async () => {
        const profile = await profiles.findById(WORKSPACE, profileId);
        return profile !== null && profile.messages.length >= length ? profile : undefined;
      },
      { description: `${length} message(s) on ${profileId}`, timeoutMs: WAIT_MS },
    );
  }

  it('records the event on a survivor of another partition, passed there as message.routed', async () => {
    await profiles.save(storedProfile('survivor-far', 1, null));
    await profiles.save(storedProfile('retired-far', 0, 'survivor-far'));
    const skipped = skippedFor('skip-far', 'retired-far', 0);

    await publisher.publish(subjects.message('skipped', 'push', 0), skipped);

    const survivor = await historyOf('survivor-far', 1);
    expect(survivor.messages[0]).toMatchObject({
      messageId: 'skip-far-message',
      status: 'skipped',
    });
    expect(survivor.computed.engagement).toEqual([
      expect.objectContaining({ channel: 'push', skipped: 1 }),
    ]);
    expect((await profiles.findById(WORKSPACE, 'retired-far'))?.messages).toEqual([]);
    const routed = (await namespace.readStream('INGEST'))
      .map((stored) => MessageRoutedV1.safeParse(stored.body))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
    expect(
      routed.map(({ payload }) => [payload.survivorId, payload.partition, payload.hops]),
    ).toEqual([['survivor-far', 1, 1]]);
  });

  it('records the event on a survivor of the same partition directly, through a chain of merges', async () => {
    await profiles.save(storedProfile('survivor-near', 1, null));
    await profiles.save(storedProfile('between-near', 1, 'survivor-near'));
    await profiles.save(storedProfile('retired-near', 1, 'between-near'));

    await publisher.publish(
      subjects.message('skipped', 'push', 1),
      skippedFor('skip-near', 'retired-near', 1),
    );

    const survivor = await historyOf('survivor-near', 1);
    expect(survivor.messages[0]).toMatchObject({ messageId: 'skip-near-message' });
    const untouched = await profiles.findByIds(WORKSPACE, ['between-near', 'retired-near']);
    expect(untouched.map((profile) => profile.messages)).toEqual([[], []]);
  });
});

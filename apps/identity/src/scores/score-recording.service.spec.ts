import { Logger } from '@nestjs/common';
import { ProfileScoresUpdatedV1, ProfileScoresUpdatedV2 } from '@meridian/contracts';
import type { Envelope, JetStreamPublisher } from '@meridian/messaging';
import {
  emptyProfile,
  LiveProfiles,
  MAX_ROUTING_HOPS,
  StaleProfileError,
  UnprocessableEventError,
  type IdentifierRepository,
  type Profile,
  type ProfileRepository,
} from '../profiles';
import { ScoreRecordingService } from './score-recording.service';

const NOW = '2025-06-01T00:00:00.000Z';

/** The profile repository's semantics in memory: revision-guarded saves. */
class MemoryProfiles {
  readonly byId = new Map<string, Profile>();
  saves = 0;

  async findById(workspaceId: string, profileId: string): Promise<Profile | null> {
    const profile = this.byId.get(profileId);
    return profile?.workspaceId === workspaceId ? profile : null;
  }

  async save(profile: Profile): Promise<void> {
    const stored = this.byId.get(profile.profileId);
    if ((stored?.revision ?? 0) !== profile.revision - 1)
      throw new StaleProfileError(profile.profileId, profile.revision - 1);
    this.saves += 1;
    this.byId.set(profile.profileId, profile);
  }

  add(profileId: string, partition: number, fields: Partial<Profile> = {}): void {
    this.byId.set(profileId, {
      ...emptyProfile({ profileId, workspaceId: 'ws-1', partition, now: NOW }),
      revision: 2,
      ...fields,
    });
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
  const publisher = new RecordingPublisher();
  const repository = profiles as unknown as ProfileRepository;
  const service = new ScoreRecordingService(
    repository,
    new LiveProfiles(repository, {} as IdentifierRepository),
    publisher as unknown as JetStreamPublisher,
  );
  return { profiles, publisher, service };
}

function command(profileId: string, partition: number, hops = 0): ProfileScoresUpdatedV1 {
  return ProfileScoresUpdatedV1.parse({
    id: 'scores-1',
    type: 'profile.scores.updated',
    version: 1,
    workspaceId: 'ws-1',
    occurredAt: NOW,
    receivedAt: NOW,
    correlationId: 'corr-1',
    causationId: null,
    payload: {
      profileId,
      partition,
      scoredAt: NOW,
      scores: [{ name: 'churn', value: 0.3 }],
      segments: { entered: ['at-risk'] },
      hops,
    },
  });
}

describe('ScoreRecordingService', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('writes the scores on the profile and announces the changed paths on its partition', async () => {
    const { profiles, publisher, service } = setUp();
    profiles.add('p-1', 2);

    await service.record(command('p-1', 2), 2);

    const profile = profiles.byId.get('p-1');
    expect(profile?.scores).toEqual([{ name: 'churn', value: 0.3, at: NOW }]);
    expect(profile?.segments).toEqual([{ name: 'at-risk', enteredAt: NOW }]);
    expect(profile?.revision).toBe(3);
    expect(publisher.published).toEqual([
      {
        subject: 'profile.updated.2',
        event: expect.objectContaining({
          id: 'scores-1:profile-updated',
          causationId: 'scores-1',
          correlationId: 'corr-1',
          payload: {
            profileId: 'p-1',
            partition: 2,
            revision: 3,
            created: false,
            changes: { scores: profile?.scores, segments: profile?.segments },
          },
        }),
      },
    ]);
  });

  it('writes nothing for a redelivered command and republishes the same update', async () => {
    const { profiles, publisher, service } = setUp();
    profiles.add('p-1', 2);
    await service.record(command('p-1', 2), 2);

    await service.record(command('p-1', 2), 2);

    expect(profiles.saves).toBe(1);
    expect(publisher.published).toHaveLength(2);
    expect(publisher.published[1]).toEqual(publisher.published[0]);
  });

  it('neither writes nor announces a command that changes nothing', async () => {
    const { profiles, publisher, service } = setUp();
    profiles.add('p-1', 2, {
      scores: [{ name: 'churn', value: 0.3, at: NOW }],
      segments: [{ name: 'at-risk', enteredAt: NOW }],
    });

    await service.record(command('p-1', 2), 2);

    expect(profiles.saves).toBe(0);
    expect(publisher.published).toEqual([]);
  });

  it('writes the survivor of a profile merged away on the same partition', async () => {
    const { profiles, service } = setUp();
    profiles.add('p-old', 2, { mergedInto: 'p-new' });
    profiles.add('p-new', 2);

    await service.record(command('p-old', 2), 2);

    expect(profiles.byId.get('p-new')?.scores).toHaveLength(1);
    expect(profiles.byId.get('p-old')?.scores).toEqual([]);
  });

  it("passes the command on to the survivor's partition instead of writing there", async () => {
    const { profiles, publisher, service } = setUp();
    profiles.add('p-old', 2, { mergedInto: 'p-new' });
    profiles.add('p-new', 5);

    await service.record(command('p-old', 2), 2);

    expect(profiles.saves).toBe(0);
    expect(publisher.published).toEqual([
      {
        subject: 'ingest.5',
        event: expect.objectContaining({
          id: 'scores-1:routed-1',
          type: 'profile.scores.updated',
          causationId: 'scores-1',
          correlationId: 'corr-1',
          payload: expect.objectContaining({ profileId: 'p-new', partition: 5, hops: 1 }),
        }),
      },
    ]);
    const passed = ProfileScoresUpdatedV2.parse(publisher.published[0]?.event);
    expect(passed.payload.scores).toEqual([{ name: 'churn', value: 0.3 }]);
  });

  it('gives up on a command passed on too often, and on an unknown profile', async () => {
    const { profiles, service } = setUp();
    profiles.add('p-1', 5);

    await expect(service.record(command('p-1', 2, MAX_ROUTING_HOPS), 2)).rejects.toThrow(
      UnprocessableEventError,
    );
    await expect(service.record(command('p-missing', 2), 2)).rejects.toThrow(
      /"p-missing" does not exist/,
    );
    await expect(service.record(command('p-1', 5), undefined)).rejects.toThrow(
      /without a partition/,
    );
  });
});

import { EventsResolvedV1 } from '@meridian/contracts';
import { FeaturesService } from './features.service';
import type { ProfileFeatures } from './profile-features';
import {
  RevisionConflictError,
  type ProfileFeaturesRepository,
} from './profile-features.repository';

/** The repository's contract in memory: saves succeed only from the revision that was read. */
class InMemoryFeatures {
  readonly documents = new Map<string, ProfileFeatures>();
  saves = 0;

  async findProfile(workspaceId: string, profileId: string): Promise<ProfileFeatures | null> {
    return this.documents.get(`${workspaceId}|${profileId}`) ?? null;
  }

  async saveIfUnchanged(next: ProfileFeatures): Promise<void> {
    const stored = this.documents.get(next._id);
    if ((stored?.revision ?? 0) !== next.revision - 1) {
      throw new RevisionConflictError(next.workspaceId, next.profileId, next.revision - 1);
    }
    this.saves += 1;
    this.documents.set(next._id, next);
  }
}

const resolved = (
  id: string,
  profileId = 'p-1',
  occurredAt = '2026-01-01T10:00:00.000Z',
): EventsResolvedV1 =>
  EventsResolvedV1.parse({
    id,
    type: 'events.resolved',
    version: 1,
    workspaceId: 'ws',
    occurredAt,
    receivedAt: '2026-01-01T10:00:01.000Z',
    correlationId: `call-${id}`,
    causationId: `call-${id}`,
    payload: {
      profileId,
      partition: 0,
      call: {
        type: 'track',
        messageId: `m-${id}`,
        userId: 'u-1',
        event: 'Clicked',
        timestamp: occurredAt,
        receivedAt: '2026-01-01T10:00:01.000Z',
      },
      profile: { traits: {}, identifiers: [{ type: 'userId', value: 'u-1' }], revision: 1 },
    },
  });

describe('FeaturesService.record', () => {
  let store: InMemoryFeatures;
  let service: FeaturesService;

  beforeEach(() => {
    store = new InMemoryFeatures();
    service = new FeaturesService(store as unknown as ProfileFeaturesRepository);
  });

  it('counts events per profile and keeps the latest event time', async () => {
    await service.record(resolved('e-1', 'p-1', '2026-01-01T10:00:00.000Z'));
    await service.record(resolved('e-2', 'p-1', '2026-01-03T10:00:00.000Z'));
    await service.record(resolved('e-3', 'p-2'));

    expect(await service.features('ws', 'p-1')).toEqual({
      workspaceId: 'ws',
      profileId: 'p-1',
      eventCount: 2,
      lastEventAt: '2026-01-03T10:00:00.000Z',
      revision: 2,
    });
    expect((await service.features('ws', 'p-2'))?.eventCount).toBe(1);
  });

  it('is idempotent on redelivery: the same event is counted once and not saved again', async () => {
    expect(await service.record(resolved('e-1'))).toBe('applied');
    expect(await service.record(resolved('e-1'))).toBe('duplicate');

    expect((await service.features('ws', 'p-1'))?.eventCount).toBe(1);
    expect(store.saves).toBe(1);
  });

  it('has no features for a profile without events', async () => {
    expect(await service.features('ws', 'nobody')).toBeNull();
  });
});

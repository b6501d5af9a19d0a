import { ScoreUpdatedV1 } from '@meridian/contracts';
import { JetStreamPublisher, PermanentError } from '@meridian/messaging';
import { MetricsRegistry } from '@meridian/observability';
import type { ProfileErasureLedger } from '@meridian/profile-erasure';
import { PartitionLock } from '../rfm';
import type { ModelProfilesRepository } from './model-profiles.repository';
import type { ModelVersionsRepository } from './model-versions.repository';
import { ModelStore, NBA_CONTEXT } from './model-store';
import { ModelsService } from './models.service';
import {
  clickedEvent,
  deliveredEvent,
  emailMessage,
  openedEvent,
  trackEvent,
} from './test-support/events';
import {
  ErasedProfiles,
  InMemoryProfiles,
  InMemoryRegistry,
  OPTIONS,
  RecordingPublisher,
} from './test-support/model-doubles';

const base = { workspaceId: 'ws', profileId: 'p-1', partition: 0 };
const message = emailMessage('p-1', 'm-1');
const viewed = (id: string, at: string) =>
  trackEvent({ ...base, id, event: 'Product Viewed', at, traits: { plan: 'pro' } });

describe('ModelsService', () => {
  let profiles: InMemoryProfiles;
  let registry: InMemoryRegistry;
  let publisher: RecordingPublisher;
  let erasures: ErasedProfiles;
  let store: ModelStore;
  let service: ModelsService;

  beforeEach(() => {
    profiles = new InMemoryProfiles();
    registry = new InMemoryRegistry();
    publisher = new RecordingPublisher();
    erasures = new ErasedProfiles();
    store = new ModelStore(registry as unknown as ModelVersionsRepository, OPTIONS);
    service = new ModelsService(
      store,
      profiles as unknown as ModelProfilesRepository,
      publisher as unknown as JetStreamPublisher,
      new PartitionLock(),
      OPTIONS,
      erasures as unknown as ProfileErasureLedger,
      new MetricsRegistry('models-spec', { defaultMetrics: false }),
    );
  });

  it("publishes a profile's first propensity and creates the partition's model versions", async () => {
    expect(await service.handleResolvedEvent(viewed('e-1', '2026-10-01T10:00:00.000Z'))).toBe(
      'applied',
    );
    expect(publisher.published.map((message) => message.subject)).toEqual([
      'ingest.0',
      'score.updated.0',
    ]);
    const stored = profiles.documents.get('ws|p-1');
    expect(stored?.pending).toHaveLength(1);
    expect(stored?.published.map((score) => score.name)).toEqual(['propensity:Order Completed:7d']);
    expect([...registry.documents.values()].map((document) => document.status).sort()).toEqual([
      'challenger',
      'champion',
    ]);
  });

  it('does not publish again a propensity that has not moved, nor a redelivered event', async () => {
    await service.handleResolvedEvent(viewed('e-1', '2026-10-01T10:00:00.000Z'));
    expect(await service.handleResolvedEvent(viewed('e-1', '2026-10-01T10:00:00.000Z'))).toBe(
      'duplicate',
    );
    await service.handleResolvedEvent(viewed('e-2', '2026-10-01T10:05:00.000Z'));
    expect(publisher.published).toHaveLength(2);
    expect(profiles.documents.get('ws|p-1')?.revision).toBe(2);
  });

  it('publishes send time and best channel from message events and ignores requests', async () => {
    expect(await service.handleMessageEvent(deliveredEvent({ ...message, id: 'd-1' }))).toBe(
      'applied',
    );
    expect(await service.handleMessageEvent(clickedEvent({ ...message, id: 'c-1' }))).toBe(
      'applied',
    );
    const scores = publisher.published.flatMap((message) => {
      const updated = ScoreUpdatedV1.safeParse(message.event);
      return updated.success ? [updated.data.payload.scores] : [];
    });
    expect(scores.at(-1)).toEqual([{ name: 'sendTime:hourOfWeek', value: 42 }]);
    expect(profiles.documents.get('ws|p-1')?.channels).toEqual([
      { channel: 'email', received: 1, engaged: 1 },
    ]);
  });

  it('refuses an event of a partition it does not own, for the dead-letter stream', async () => {
    const foreign = trackEvent({
      ...base,
      partition: 1,
      id: 'e-9',
      event: 'Page',
      at: '2026-10-01T10:00:00.000Z',
    });
    await expect(service.handleResolvedEvent(foreign)).rejects.toThrow(PermanentError);
  });

  describe('for a profile erased for a data-subject request', () => {
    it('drops its late events and message events, storing and publishing nothing about it', async () => {
      erasures.erased.add('p-1');

      expect(await service.handleResolvedEvent(viewed('e-1', '2026-10-01T10:00:00.000Z'))).toBe(
        'erased',
      );
      expect(await service.handleMessageEvent(openedEvent({ ...message, id: 'o-1' }))).toBe(
        'erased',
      );

      expect(profiles.documents.size).toBe(0);
      expect(publisher.published).toEqual([]);
    });

    it('settles none of its decisions with a late click, so the bandit learns nothing more of it', async () => {
      const bandit = await store.banditFor('ws', 0, 'homepage');
      const { actionId } = bandit.decide({
        decisionId: 'd-1',
        profileId: 'p-1',
        actionIds: ['t-1'],
        context: NBA_CONTEXT.encode({}),
        decidedAt: Date.parse(message.at),
        rewardEvent: null,
      });
      erasures.erased.add('p-1');

      await service.handleMessageEvent(clickedEvent({ ...message, id: 'c-1' }));

      expect(bandit.statistics(actionId)).toEqual({ pulls: 1, rewardSum: 0 });
    });

    it('asks whether a profile was erased only when it holds no document for it', async () => {
      await service.handleResolvedEvent(viewed('e-1', '2026-10-01T10:00:00.000Z'));
      await service.handleResolvedEvent(viewed('e-2', '2026-10-01T10:05:00.000Z'));
      await service.handleMessageEvent(deliveredEvent({ ...message, id: 'd-1' }));

      expect(erasures.asked).toEqual(['p-1']);
    });
  });
});

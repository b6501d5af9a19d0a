import { ScoreUpdatedV1 } from '@meridian/contracts';
import type { OutgoingMessage } from '@meridian/messaging';
import { JetStreamPublisher, PermanentError } from '@meridian/messaging';
import { MetricsRegistry } from '@meridian/observability';
import { PartitionLock } from '../rfm';
import type { ModelProfileDocument } from './model-profile';
import type { ModelProfilesRepository } from './model-profiles.repository';
import type { ModelVersionDocument } from './model-version-document';
import type { ModelVersionsRepository } from './model-versions.repository';
import { ModelStore } from './model-store';
import type { ModelsOptions } from './models-options';
import { ModelsService } from './models.service';
import { clickedEvent, deliveredEvent, trackEvent } from './test-support/events';
import type { UnsavedVersion } from './tracked-versions';

/** The repositories' contracts in memory. */
class InMemoryProfiles {
  readonly documents = new Map<string, ModelProfileDocument>();
  async find(workspaceId: string, profileId: string) {
    return this.documents.get(`${workspaceId}|${profileId}`) ?? null;
  }
  async save(next: ModelProfileDocument) {
    if ((this.documents.get(next._id)?.revision ?? 0) !== next.revision - 1)
      throw new Error('revision conflict');
    this.documents.set(next._id, next);
  }
}

class InMemoryRegistry {
  readonly documents = new Map<string, ModelVersionDocument>();
  async current(workspaceId: string, modelId: string, partition: number) {
    return [...this.documents.values()].filter(
      (document) =>
        document.workspaceId === workspaceId &&
        document.modelId === modelId &&
        document.partition === partition &&
        document.status !== 'retired',
    );
  }
  async championsOfKind() {
    return [];
  }
  async write({ document }: UnsavedVersion) {
    this.documents.set(document._id, document);
  }
}

class RecordingPublisher {
  readonly published: OutgoingMessage[] = [];
  async publishMany(messages: readonly OutgoingMessage[]) {
    this.published.push(...messages);
    return [];
  }
}

const OPTIONS: ModelsOptions = {
  partitions: 2,
  ownedPartitions: [0],
  goals: [{ goal: 'Order Completed', windowDays: 7, modelId: 'propensity:Order Completed:7d' }],
  traits: ['plan'],
  scoreEpsilon: 0.01,
  labelLatenessMs: 0,
  promotion: { minExamples: 100, checkEvery: 50 },
  checkpointExamples: 1_000,
  checkpointIntervalMs: 60_000,
  sweepIntervalMs: 0,
  nbaWindowMs: 60_000,
  replicaRefreshMs: 0,
  wallClock: () => Date.parse('2026-11-01T00:00:00.000Z'),
};

const base = { workspaceId: 'ws', profileId: 'p-1', partition: 0 };
const viewed = (id: string, at: string) =>
  trackEvent({ ...base, id, event: 'Product Viewed', at, traits: { plan: 'pro' } });

describe('ModelsService', () => {
  let profiles: InMemoryProfiles;
  let registry: InMemoryRegistry;
  let publisher: RecordingPublisher;
  let service: ModelsService;

  beforeEach(() => {
    profiles = new InMemoryProfiles();
    registry = new InMemoryRegistry();
    publisher = new RecordingPublisher();
    const store = new ModelStore(registry as unknown as ModelVersionsRepository, OPTIONS);
    service = new ModelsService(
      store,
      profiles as unknown as ModelProfilesRepository,
      publisher as unknown as JetStreamPublisher,
      new PartitionLock(),
      OPTIONS,
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
    const message = {
      ...base,
      channel: 'email' as const,
      messageId: 'm-1',
      templateId: 't-1',
      at: '2026-10-06T18:10:00.000Z',
    };
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
});

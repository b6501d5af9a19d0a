import type { OutgoingMessage } from '@meridian/messaging';
import type { ModelProfileDocument } from '../model-profile';
import type { ModelVersionDocument } from '../model-version-document';
import type { ModelsOptions } from '../models-options';
import type { UnsavedVersion } from '../tracked-versions';

// In-memory stand-ins for the models' unit specs, with the repositories' contracts.

export class InMemoryProfiles {
  readonly documents = new Map<string, ModelProfileDocument>();
  async find(workspaceId: string, profileId: string) {
    return this.documents.get(`${workspaceId}|${profileId}`) ?? null;
  }
  async save(next: ModelProfileDocument) {
    if ((this.documents.get(next._id)?.revision ?? 0) !== next.revision - 1)
      throw new Error('revision conflict');
    this.documents.set(next._id, next);
  }
  async delete(workspaceId: string, profileId: string) {
    return this.documents.delete(`${workspaceId}|${profileId}`) ? 1 : 0;
  }
}

export class InMemoryRegistry {
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

export class RecordingPublisher {
  readonly published: OutgoingMessage[] = [];
  async publishMany(messages: readonly OutgoingMessage[]) {
    this.published.push(...messages);
    return [];
  }
}

/** The ledger's tombstone check: the profiles in `erased` were erased (in any workspace). */
export class ErasedProfiles {
  readonly erased = new Set<string>();
  readonly asked: string[] = [];
  async isErased(_workspaceId: string, profileId: string) {
    this.asked.push(profileId);
    return this.erased.has(profileId);
  }
}

export const OPTIONS: ModelsOptions = {
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

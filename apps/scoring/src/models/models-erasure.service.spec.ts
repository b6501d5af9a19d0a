import type { JetStreamPublisher } from '@meridian/messaging';
import { PermanentError } from '@meridian/messaging';
import { MetricsRegistry } from '@meridian/observability';
import type { ProfileErasureLedger } from '@meridian/profile-erasure';
import { PartitionLock } from '../rfm';
import type { ModelProfilesRepository } from './model-profiles.repository';
import type { ModelVersionsRepository } from './model-versions.repository';
import { ModelStore, NBA_CONTEXT } from './model-store';
import { ModelsErasure } from './models-erasure.service';
import { ModelsService } from './models.service';
import type { NbaService } from './nba.service';
import { NbaState } from './nba-model';
import { deliveredEvent, emailMessage, MESSAGE_AT, openedEvent } from './test-support/events';
import {
  ErasedProfiles,
  InMemoryProfiles,
  InMemoryRegistry,
  OPTIONS,
  RecordingPublisher,
} from './test-support/model-doubles';

function setUp() {
  const profiles = new InMemoryProfiles();
  const registry = new InMemoryRegistry();
  const store = new ModelStore(registry as unknown as ModelVersionsRepository, OPTIONS);
  const models = new ModelsService(
    store,
    profiles as unknown as ModelProfilesRepository,
    new RecordingPublisher() as unknown as JetStreamPublisher,
    new PartitionLock(),
    OPTIONS,
    new ErasedProfiles() as unknown as ProfileErasureLedger,
    new MetricsRegistry('models-erasure-spec', { defaultMetrics: false }),
  );
  const nba = { forgetProfile: jest.fn() };
  const erasure = new ModelsErasure(
    store,
    profiles as unknown as ModelProfilesRepository,
    nba as unknown as NbaService,
  );
  return { profiles, registry, store, models, nba, erasure };
}

async function decide(store: ModelStore, decisionId: string, profileId: string) {
  const bandit = await store.banditFor('ws', 0, 'homepage');
  bandit.decide({
    decisionId,
    profileId,
    actionIds: ['t-1'],
    context: NBA_CONTEXT.encode({}),
    decidedAt: Date.parse(MESSAGE_AT),
    rewardEvent: null,
  });
}

describe('ModelsErasure', () => {
  it("deletes the profile's document and pending decisions, takes its engagements out of the population, and writes the models at once", async () => {
    const { profiles, registry, store, models, nba, erasure } = setUp();
    for (const profileId of ['p-erased', 'p-kept']) {
      await models.handleMessageEvent(
        deliveredEvent({ ...emailMessage(profileId, `m-${profileId}`), id: `d-${profileId}` }),
      );
    }
    await models.handleMessageEvent(
      openedEvent({ ...emailMessage('p-erased', 'm-p-erased'), id: 'o-1' }),
    );
    await decide(store, 'd-1', 'p-erased');
    await decide(store, 'd-2', 'p-erased');
    await decide(store, 'd-3', 'p-kept');

    expect(await erasure.eraseProfile('ws', 'p-erased', 0)).toBe(3);

    expect([...profiles.documents.keys()]).toEqual(['ws|p-kept']);
    expect(nba.forgetProfile).toHaveBeenCalledWith('ws', 'p-erased');
    const stored = [...registry.documents.values()];
    expect(JSON.stringify(stored)).not.toContain('p-erased');
    const bandit = stored.find((document) => document.modelId === 'nba:homepage');
    expect(NbaState.parse(bandit?.state).pending.decisions.map((d) => d.decisionId)).toEqual([
      'd-3',
    ]);
    const channels = stored.find((document) => document.modelId === 'best-channel');
    expect(channels?.metrics).toMatchObject({ received_email: 1, engaged_email: 0 });
    const sendTime = stored.find((document) => document.modelId === 'send-time');
    expect(sendTime?.metrics).toMatchObject({ engagements: 0 });
  });

  it('deletes nothing more when it runs again', async () => {
    const { store, models, erasure } = setUp();
    await models.handleMessageEvent(
      deliveredEvent({ ...emailMessage('p-erased', 'm-1'), id: 'd-1' }),
    );
    await decide(store, 'd-1', 'p-erased');
    expect(await erasure.eraseProfile('ws', 'p-erased', 0)).toBe(2);

    expect(await erasure.eraseProfile('ws', 'p-erased', 0)).toBe(0);
    expect((await store.engagementOf('ws', 0)).population.channels).toEqual([]);
  });

  it('refuses for good the erasure of a partition this instance does not own', async () => {
    const { erasure } = setUp();
    await expect(erasure.eraseProfile('ws', 'p-erased', 1)).rejects.toThrow(PermanentError);
  });
});

import type { INestApplication } from '@nestjs/common';
import {
  ProfileScoresUpdatedV2,
  ScoreUpdatedV1,
  subjects,
  type EventsResolvedV1,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { SeededRandom } from '@meridian/learning';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { loadScoringConfig } from '../config';
import { createScoringApp } from '../create-app';
import { ModelsMaintenance, ModelsService } from './index';
import { clickedEvent, deliveredEvent, openedEvent, trackEvent } from './test-support/events';

const PARTITIONS = 2;
const WORKSPACE = 'ws-models';
const KEY = 'models-admin';
const GOAL_MODEL = 'propensity:Order Completed:1d';
const DAY_MS = 86_400_000;
const NBA_WINDOW_MS = 1_500;

interface Json {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

describe('self-training models on real NATS and FerretDB', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let baseUrl: string;
  let models: ModelsService;
  let maintenance: ModelsMaintenance;

  const request = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Json> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'models', partitions: PARTITIONS });
    const config = loadScoringConfig(
      namespace.env({
        LOG_LEVEL: 'silent',
        // Historical events: the label windows close on the partitions' latest event time.
        RFM_DEFAULT_CLOCK: 'replay',
        MODELS_PROPENSITY_GOALS: 'Order Completed:1d',
        MODELS_LABEL_LATENESS_MS: '0',
        MODELS_PROMOTION_MIN_EXAMPLES: '100',
        MODELS_PROMOTION_CHECK_EVERY: '50',
        MODELS_CHECKPOINT_EXAMPLES: '200',
        MODELS_SWEEP_INTERVAL_MS: '0',
        MODELS_NBA_WINDOW_MS: String(NBA_WINDOW_MS),
      }),
    );
    app = await createScoringApp(config);
    baseUrl = await listenInProcess(app);
    models = app.get(ModelsService);
    maintenance = app.get(ModelsMaintenance);
    await app
      .get(AdminKeyService)
      .seed({ rawKey: KEY, name: 'models', role: 'admin', workspaceId: WORKSPACE });
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  it('learns propensity from a stream of generated events, publishes scores and promotes a better challenger', async () => {
    const random = new SeededRandom(7);
    const profiles = Array.from({ length: 70 }, (_, index) => ({
      id: `buyer-${index}`,
      partition: index % PARTITIONS,
      plan: random.next() < 0.3 ? 'pro' : 'free',
    }));
    const start = Date.parse('2026-09-01T00:00:00.000Z');
    for (let day = 0; day < 16; day++) {
      const events: EventsResolvedV1[] = [];
      for (const profile of profiles) {
        const at = (hours: number) =>
          new Date(start + day * DAY_MS + hours * 3_600_000).toISOString();
        const base = {
          workspaceId: WORKSPACE,
          profileId: profile.id,
          partition: profile.partition,
        };
        const traits = { plan: profile.plan };
        if (random.next() < 0.7)
          events.push(
            trackEvent({
              ...base,
              id: `v-${profile.id}-${day}`,
              event: 'Product Viewed',
              at: at(9 + random.next()),
              traits,
            }),
          );
        if (random.next() < (profile.plan === 'pro' ? 0.45 : 0.04))
          events.push(
            trackEvent({
              ...base,
              id: `o-${profile.id}-${day}`,
              event: 'Order Completed',
              at: at(15),
              traits,
              properties: { orderId: `o-${profile.id}-${day}`, revenue: 40 },
            }),
          );
      }
      await Promise.all(
        Array.from({ length: PARTITIONS }, async (_, partition) => {
          const ofPartition = events
            .filter((event) => event.payload.partition === partition)
            .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
          for (const event of ofPartition) await models.handleResolvedEvent(event);
        }),
      );
      await maintenance.sweep();
    }
    await maintenance.checkpoint();

    const listed = await request('GET', `/v1/models/${encodeURIComponent(GOAL_MODEL)}`);
    expect(listed.status).toBe(200);
    const versions = listed.body['versions'] as {
      partition: number;
      version: number;
      status: string;
      metrics: Record<string, number>;
    }[];
    const champions = versions.filter((version) => version.status === 'champion');
    expect(champions.map((version) => version.partition).sort()).toEqual([0, 1]);
    for (const champion of champions) {
      expect(champion.metrics['examples']).toBeGreaterThan(200);
      expect(champion.metrics['auc']).toBeGreaterThan(0.65);
    }
    // A promotion wrote a retired version, the winner as champion and a fresh challenger.
    const retired = versions.filter((version) => version.status === 'retired');
    expect(retired.length).toBeGreaterThan(0);
    for (const { partition, version } of retired) {
      const ofPartition = versions.filter((candidate) => candidate.partition === partition);
      expect(
        ofPartition.find((candidate) => candidate.status === 'champion')?.version,
      ).toBeGreaterThan(version);
      expect(ofPartition.filter((candidate) => candidate.status === 'challenger')).toHaveLength(1);
    }

    const propensity = async (profileId: string) => {
      const view = await request('GET', `/v1/models/profiles/${profileId}`);
      expect(view.status).toBe(200);
      const [first] = view.body['propensities'] as { modelId: string; probability: number }[];
      expect(first?.modelId).toBe(GOAL_MODEL);
      return first?.probability ?? NaN;
    };
    const mean = async (plan: string) => {
      const group = profiles.filter((profile) => profile.plan === plan).slice(0, 10);
      const values = await Promise.all(group.map((profile) => propensity(profile.id)));
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    };
    expect(await mean('pro')).toBeGreaterThan(3 * (await mean('free')));

    const published = (await namespace.readStream('PROFILES'))
      .map((stored) => ScoreUpdatedV1.safeParse(stored.body))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
      .filter((event) => event.payload.scores.some((score) => score.name === GOAL_MODEL));
    expect(published.length).toBeGreaterThan(profiles.length);
    const commands = (await namespace.readStream('INGEST'))
      .map((stored) => ProfileScoresUpdatedV2.safeParse(stored.body))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
    expect(commands.length).toBe(published.length);
    expect(commands.every((command) => command.payload.rfm === null)).toBe(true);
  });

  it('lists the workspace registry over the API without states', async () => {
    const listed = await request('GET', '/v1/models');
    expect(listed.status).toBe(200);
    const entries = listed.body['models'] as Record<string, unknown>[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => !('state' in entry))).toBe(true);
    expect(new Set(entries.map((entry) => entry['modelId']))).toContain(GOAL_MODEL);
    expect((await request('GET', '/v1/models/nothing-here')).status).toBe(404);
  });

  it('rewards an NBA decision clicked within the window with 1 and a silent one with 0', async () => {
    const decide = (profileId: string) =>
      request('POST', '/v1/nba/decisions', {
        actionSetId: 'homepage',
        profileId,
        partition: 0,
        actions: ['offer-a', 'offer-b'],
        context: { recencyDays: 3, platform: 'ios' },
      });
    const clicked = await decide('nba-1');
    expect(clicked.status).toBe(201);
    expect(clicked.body).toMatchObject({ recorded: true, partition: 0, rewardOn: 'click' });
    const actionId = String(clicked.body['actionId']);
    await models.handleMessageEvent(
      clickedEvent({
        id: 'click-1',
        workspaceId: WORKSPACE,
        profileId: 'nba-1',
        partition: 0,
        channel: 'email',
        messageId: 'msg-nba-1',
        templateId: actionId,
        at: new Date().toISOString(),
      }),
    );
    const silent = await decide('nba-2');
    expect(silent.status).toBe(201);

    await maintenance.checkpoint();
    const before = await request('GET', `/v1/models/${encodeURIComponent('nba:homepage')}`);
    const [pending] = before.body['versions'] as {
      partition: number;
      metrics: Record<string, number>;
    }[];
    expect(pending?.metrics).toMatchObject({ decisions: 2, rewards: 1, pendingDecisions: 1 });

    await new Promise((resolve) => setTimeout(resolve, NBA_WINDOW_MS + 100));
    await maintenance.sweep();
    await maintenance.checkpoint();
    const after = await request('GET', `/v1/models/${encodeURIComponent('nba:homepage')}`);
    const [settled] = after.body['versions'] as { metrics: Record<string, number> }[];
    expect(settled?.metrics).toMatchObject({ decisions: 2, rewards: 1, pendingDecisions: 0 });
  });

  it('answers send time and best channel from the profile with enough data, else from the population', async () => {
    const base = { workspaceId: WORKSPACE, partition: 1, templateId: 'weekly' };
    // Tuesdays 18:00 UTC: slot 24 + 18 = 42.
    const tuesday = (week: number) =>
      new Date(Date.parse('2026-10-06T18:10:00.000Z') + week * 7 * DAY_MS).toISOString();
    for (let week = 0; week < 6; week++) {
      for (const channel of ['email', 'push'] as const) {
        const message = {
          ...base,
          profileId: 'engaged',
          channel,
          messageId: `${channel}-${week}`,
          at: tuesday(week),
        };
        await models.handleMessageEvent(deliveredEvent({ ...message, id: `d-${channel}-${week}` }));
        if (channel === 'push' || week === 0)
          await models.handleMessageEvent(openedEvent({ ...message, id: `o-${channel}-${week}` }));
      }
    }
    await models.handleMessageEvent(
      deliveredEvent({
        ...base,
        id: 'd-new',
        profileId: 'newcomer',
        channel: 'email',
        messageId: 'new-1',
        at: tuesday(0),
      }),
    );

    const engaged = await request('GET', '/v1/models/profiles/engaged');
    expect(engaged.status).toBe(200);
    expect(engaged.body['bestChannel']).toMatchObject({ channel: 'push', rule: 'profile' });
    expect(engaged.body['sendTime']).toMatchObject({
      slot: 42,
      label: 'Tue 18:00',
      basis: 'profile',
    });
    const newcomer = await request('GET', '/v1/models/profiles/newcomer');
    expect(newcomer.body['bestChannel']).toMatchObject({ channel: 'push', rule: 'population' });
    expect(newcomer.body['sendTime']).toMatchObject({ slot: 42, basis: 'population' });
    expect((await request('GET', '/v1/models/profiles/nobody')).status).toBe(404);

    const scores = (await namespace.readStream('PROFILES'))
      .map((stored) => ScoreUpdatedV1.safeParse(stored.body))
      .flatMap((parsed) =>
        parsed.success && parsed.data.payload.profileId === 'engaged' ? [parsed.data] : [],
      )
      .flatMap((event) => event.payload.scores);
    expect(scores.filter((score) => score.name === 'sendTime:hourOfWeek').at(-1)?.value).toBe(42);
    expect(scores.filter((score) => score.name === 'bestChannel:push').at(-1)?.value).toBe(1);
  });

  it('is fed by the scoring consumers from the streams', async () => {
    const publisher = app.get(JetStreamPublisher);
    const base = { workspaceId: WORKSPACE, profileId: 'streamed', partition: 1 };
    const at = new Date().toISOString();
    await publisher.publish(
      subjects.eventsResolved(1),
      trackEvent({ ...base, id: 'stream-e-1', event: 'Product Viewed', at }),
    );
    await publisher.publish(
      subjects.message('delivered', 'sms', 1),
      deliveredEvent({
        ...base,
        id: 'stream-d-1',
        channel: 'sms',
        messageId: 'sms-1',
        templateId: 't',
        at,
      }),
    );
    const view = await waitFor(
      async () => {
        const answer = await request('GET', '/v1/models/profiles/streamed');
        const channels = answer.body['channels'] as unknown[] | undefined;
        return answer.status === 200 && channels?.length === 1 && answer;
      },
      { description: 'the streamed profile to reach the models', timeoutMs: 20_000 },
    );
    expect(view.body['channels']).toEqual([{ channel: 'sms', received: 1, engaged: 0 }]);
    expect(view.body['propensities']).toEqual([
      expect.objectContaining({ modelId: GOAL_MODEL, probability: expect.any(Number) }),
    ]);
  });
});

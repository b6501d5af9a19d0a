import type { INestApplication } from '@nestjs/common';
import { derivedEventId, SegmentEnteredV1, SegmentExitedV1, subjects } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { z } from 'zod';
import { loadScoringConfig } from '../config';
import { createScoringApp } from '../create-app';
import { RfmProfileRepository } from './rfm-profile.repository';
import { RfmSweepService } from './rfm-sweep.service';
import { adminApi, scoringConsumersIdle } from './test-support/rfm-harness';
import {
  messageEvent,
  messageSubject,
  orderCompleted,
  type ProfileOf,
} from './test-support/rfm-events';

const PARTITIONS = 2;
const KEYS = { reader: 'sweep-reader', admin: 'sweep-admin', resume: 'resume-admin' } as const;
const SWEEP_WS = 'ws-sweep';
const RESUME_WS = 'ws-resume';
const Progress = z.object({
  sweepId: z.string(),
  asOf: z.string(),
  done: z.boolean(),
  walked: z.number(),
  changed: z.number(),
});
const View = z.object({
  segments: z.array(z.object({ name: z.string(), kind: z.string() })),
  published: z.object({ segments: z.array(z.string()) }),
});

const profile = (workspaceId: string, profileId: string, partition: number): ProfileOf => ({
  workspaceId,
  profileId,
  partition,
});

describe('the RFM sweep on real NATS and FerretDB', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let api: ReturnType<typeof adminApi>;
  let env: Record<string, string>;
  let baseUrl: string;

  const start = async () => {
    app = await createScoringApp(loadScoringConfig(env));
    baseUrl = await listenInProcess(app);
  };
  const idle = () =>
    waitFor(() => scoringConsumersIdle(namespace.admin.jsm, namespace.names, PARTITIONS), {
      description: "scoring's consumers to handle every event",
      timeoutMs: 20_000,
    });
  const segmentEvents = async (correlationId: string) => {
    const stored = await namespace.readStream('PROFILES');
    const bodies = stored.map((message) => message.body);
    return {
      entered: bodies
        .filter((body) => SegmentEnteredV1.safeParse(body).success)
        .map((body) => SegmentEnteredV1.parse(body))
        .filter((event) => event.correlationId === correlationId),
      exited: bodies
        .filter((body) => SegmentExitedV1.safeParse(body).success)
        .map((body) => SegmentExitedV1.parse(body))
        .filter((event) => event.correlationId === correlationId),
    };
  };
  const finishedSweep = (client: ReturnType<typeof adminApi>) =>
    waitFor(
      async () => {
        const answer = await client.get('/v1/rfm/sweep');
        const progress = Progress.safeParse(answer.body);
        return progress.success && progress.data.done && progress.data;
      },
      { description: 'the sweep to finish', timeoutMs: 20_000 },
    );

  /** An engaged buyer of January 2011: one order, three opens and clicks over two messages. */
  const engagedBuyerEvents = (buyer: ProfileOf) => ({
    order: orderCompleted(buyer, `${buyer.profileId}-o`, '2011-01-10T10:00:00.000Z', {
      orderId: `${buyer.profileId}-order`,
      revenue: 500,
    }),
    messages: [
      ['delivered', 'm-1', '2011-01-10T11:00:00.000Z'],
      ['opened', 'm-1', '2011-01-10T12:00:00.000Z'],
      ['clicked', 'm-1', '2011-01-10T12:05:00.000Z'],
      ['delivered', 'm-2', '2011-01-12T09:00:00.000Z'],
      ['opened', 'm-2', '2011-01-12T10:00:00.000Z'],
    ].map(([status, messageId = '', at = '']) =>
      messageEvent(status === 'opened' || status === 'clicked' ? status : 'delivered', buyer, {
        id: `${buyer.profileId}-${status}-${messageId}`,
        at,
        messageId: `${buyer.profileId}-${messageId}`,
      }),
    ),
  });

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'rfm-sweep', partitions: PARTITIONS });
    env = namespace.env({
      LOG_LEVEL: 'silent',
      RFM_POPULATION_CACHE_MS: '0',
      RFM_SWEEP_INTERVAL_MS: '0',
      RFM_SWEEP_PAGE_SIZE: '2',
    });
    await start();
    const keys = app.get(AdminKeyService);
    await keys.seed({ rawKey: KEYS.reader, name: 'r', role: 'read-only', workspaceId: SWEEP_WS });
    await keys.seed({ rawKey: KEYS.admin, name: 'a', role: 'admin', workspaceId: SWEEP_WS });
    await keys.seed({ rawKey: KEYS.resume, name: 'a', role: 'admin', workspaceId: RESUME_WS });
    api = adminApi(baseUrl, KEYS.admin);
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  it('serves the scoring settings to admin keys and refuses bad ones naming the field', async () => {
    const anonymous = await fetch(`${baseUrl}/v1/scoring-settings`);
    expect(anonymous.status).toBe(401);
    const defaults = await adminApi(baseUrl, KEYS.reader).get('/v1/scoring-settings');
    expect(defaults.body).toMatchObject({ clock: 'wall', rfm: { zombies: { dormantDays: 182 } } });
    const readOnly = await adminApi(baseUrl, KEYS.reader).put('/v1/scoring-settings', {});
    expect(readOnly.status).toBe(403);
    const invalid = await api.put('/v1/scoring-settings', {
      clock: 'replay',
      rfm: { zombies: { dormantDays: 0 }, zombie: {} },
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toMatch(/rfm\.zombies\.dormantDays/);
    const unknown = await api.put('/v1/scoring-settings', { clock: 'replay', rfm: { zombie: {} } });
    expect(JSON.stringify(unknown.body)).toMatch(/rfm\.zombie: not a setting/);

    const replay = await api.put('/v1/scoring-settings', { clock: 'replay' });
    expect(replay.status).toBe(200);
    expect((await api.get('/v1/scoring-settings')).body).toMatchObject({ clock: 'replay' });
  });

  it('moves a dormant customer into Zombies and out of its RFM segment with no new event', async () => {
    const publisher = app.get(JetStreamPublisher);
    const early = [0, 1, 2, 3].map((index) => profile(SWEEP_WS, `p-${index}`, 0));
    const dormant = profile(SWEEP_WS, 'p-dormant', 0);
    const { order, messages } = engagedBuyerEvents(dormant);
    for (const [index, buyer] of early.entries()) {
      const event = orderCompleted(buyer, `${buyer.profileId}-o`, '2010-06-01T10:00:00.000Z', {
        orderId: `${buyer.profileId}-order`,
        revenue: 10 * (index + 1),
      });
      await publisher.publish(subjects.eventsResolved(0), event);
    }
    await publisher.publish(subjects.eventsResolved(0), order);
    await idle();
    for (const message of messages) await publisher.publish(messageSubject(message), message);
    await idle();
    const before = View.parse((await api.get('/v1/rfm/profiles/p-dormant')).body);
    // The latest and biggest buyer of the population, engaging more and more.
    expect(before.published.segments).toEqual(['Loyal', 'Accelerating']);

    // Later buyers move the replay clock to August 2011; the dormant customer sends nothing.
    for (let index = 0; index < 5; index += 1) {
      const buyer = profile(SWEEP_WS, `q-${index}`, 1);
      await publisher.publish(
        subjects.eventsResolved(1),
        orderCompleted(buyer, `q-${index}-o`, '2011-08-01T10:00:00.000Z', {
          orderId: `q-${index}-order`,
          revenue: 100,
        }),
      );
    }
    await idle();
    const unswept = View.parse((await api.get('/v1/rfm/profiles/p-dormant')).body);
    expect(unswept.published.segments).toEqual(['Loyal', 'Accelerating']);

    const started = await api.post('/v1/rfm/sweep');
    expect(started.status).toBe(202);
    const { sweepId } = Progress.parse(started.body);
    const progress = await finishedSweep(api);
    expect(progress).toMatchObject({ sweepId, asOf: '2011-08-01T10:00:00.000Z', walked: 10 });

    const after = View.parse((await api.get('/v1/rfm/profiles/p-dormant')).body);
    expect(after.published.segments).toEqual(['Need Attention', 'Zombies']);
    const { entered, exited } = await segmentEvents(sweepId);
    const ofDormant = (events: readonly { payload: { profileId: string; segment: string } }[]) =>
      events
        .filter((event) => event.payload.profileId === 'p-dormant')
        .map((e) => e.payload.segment);
    expect(ofDormant(entered)).toEqual(['Need Attention', 'Zombies']);
    expect(ofDormant(exited)).toEqual(['Loyal', 'Accelerating']);
    const zombie = entered.find(
      (event) => event.payload.profileId === 'p-dormant' && event.payload.segment === 'Zombies',
    );
    expect(zombie).toMatchObject({
      id: derivedEventId(`${sweepId}|p-dormant`, 'entered:zombies'),
      causationId: null,
      payload: { kind: 'trend', reason: 'sweep', asOf: '2011-08-01T10:00:00.000Z' },
    });
  });

  it('resumes a sweep interrupted after one page and finishes it without publishing twice', async () => {
    const publisher = app.get(JetStreamPublisher);
    const resumeApi = adminApi(baseUrl, KEYS.resume);
    expect((await resumeApi.put('/v1/scoring-settings', { clock: 'replay' })).status).toBe(200);
    const buyers = [0, 1, 2, 3, 4].map((index) => profile(RESUME_WS, `r-${index}`, 0));
    for (const buyer of buyers) {
      const { order, messages } = engagedBuyerEvents(buyer);
      await publisher.publish(subjects.eventsResolved(0), order);
      for (const message of messages) await publisher.publish(messageSubject(message), message);
    }
    const late = profile(RESUME_WS, 'z-late', 1);
    await idle();
    await publisher.publish(
      subjects.eventsResolved(1),
      orderCompleted(late, 'z-late-o', '2011-08-01T10:00:00.000Z', { orderId: 'z', revenue: 1 }),
    );
    await idle();

    const sweeps = app.get(RfmSweepService);
    const sweepId = await sweeps.begin(RESUME_WS);
    expect(await sweeps.runPage(RESUME_WS, 0)).toBe(false);
    const profiles = app.get(RfmProfileRepository);
    const firstPage = await Promise.all(
      ['r-0', 'r-1'].map((id) => profiles.findProfile(RESUME_WS, id)),
    );
    expect(firstPage.map((stored) => stored?.segments.includes('Zombies'))).toEqual([true, true]);
    const afterFirstPage = await segmentEvents(sweepId);
    expect(afterFirstPage.entered.map((event) => event.payload.profileId)).toEqual(
      expect.arrayContaining(['r-0', 'r-1']),
    );
    // The instance stops (as a crash would) and another one starts on the same partitions.
    await app.close();
    await start();
    const resumed = await finishedSweep(adminApi(baseUrl, KEYS.resume));

    // Five profiles on partition 0 (the first page of two walked before the stop), one on 1:
    // a page walked again would count twice.
    expect(resumed).toMatchObject({ sweepId, walked: 6 });
    const { entered } = await segmentEvents(sweepId);
    const zombies = entered.filter((event) => event.payload.segment === 'Zombies');
    expect(zombies.map((event) => event.payload.profileId).sort()).toEqual([
      'r-0',
      'r-1',
      'r-2',
      'r-3',
      'r-4',
    ]);
    expect(new Set(entered.map((event) => event.id)).size).toBe(entered.length);
    const ofFirstPage = (events: readonly { payload: { profileId: string } }[]) =>
      events.filter((event) => ['r-0', 'r-1'].includes(event.payload.profileId)).length;
    expect(ofFirstPage(entered)).toBe(ofFirstPage(afterFirstPage.entered));
  });
});

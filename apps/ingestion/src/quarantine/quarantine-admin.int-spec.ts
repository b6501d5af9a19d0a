import { AuditLog } from '@meridian/admin-api';
import { Namespace } from '@meridian/contracts';
import { readStoredMessages } from '@meridian/messaging';
import { testInfra, uniqueNamespace, waitFor } from '@meridian/testing';
import { SourceSettingsService } from '@meridian/workspaces';
import { adminCall, seedAdminKey, type AdminAnswer } from '../admin-api/admin-test-client';
import { IngestService } from '../ingest';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';
import { QuarantineEntryView, QuarantinePage } from './quarantine.schemas';

const WS = 'ws-quar';
const OTHER_WS = 'ws-other';
const WRITE_KEY = 'quar-admin-write-key';
const OTHER_WRITE_KEY = 'quar-admin-other-write-key';
const OWNER = 'quar-owner-key';
const ADMIN = 'quar-admin-key';
const READER = 'quar-reader-key';

const orderPlan = (events: Record<string, unknown>) => ({
  mode: 'block',
  events: {
    'Order Completed': {
      type: 'object',
      properties: { total: { type: 'number' } },
      required: ['total'],
    },
    ...events,
  },
});

describe('quarantine through the admin API on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('quaradmin');
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;

  const base = `/admin/v1/workspaces/${WS}/quarantine`;
  const call = (method: 'GET' | 'POST', path: string, key: string, body?: unknown) =>
    adminCall(ingestion, method, path, key, body);
  const track = (writeKey: string, body: Record<string, unknown>) =>
    postJson(`${ingestion.url}/v1/track`, body, { authorization: basicAuthHeader(writeKey) });
  const putPlan = (events: Record<string, unknown>) =>
    ingestion.app.get(SourceSettingsService).put({
      workspaceId: WS,
      sourceId: 'web',
      missingConsentPolicy: 'accept',
      trackingPlan: orderPlan(events),
    });

  /** Every call of this user in INGEST, whatever its messageId. */
  const ingestedFor = async (userId: string) =>
    (await bed.storedCalls()).filter(({ event }) => event.payload.call.userId === userId);

  /** The workspace's entries, newest first, as one page. */
  const list = async (query = '', key = READER): Promise<QuarantinePage> => {
    const answer = await call('GET', `${base}${query}`, key);
    expect(answer.status).toBe(200);
    return QuarantinePage.parse(answer.body);
  };
  const entryOf = async (messageId: string): Promise<QuarantineEntryView> => {
    const entry = (await list('?limit=100')).entries.find(
      (candidate) => candidate.call['messageId'] === messageId,
    );
    if (entry === undefined) throw new Error(`no quarantine entry for ${messageId}`);
    return entry;
  };
  const quarantineSize = async () =>
    (await readStoredMessages(bed.admin.jsm, new Namespace(namespace).stream('QUARANTINE'))).length;
  const blocked = async (
    messageId: string,
    properties: Record<string, unknown> = {},
    userId = 'u1',
  ) => {
    const body = { userId, event: 'Order Completed', messageId, properties };
    expect((await track(WRITE_KEY, body)).status).toBe(200);
    return entryOf(messageId);
  };

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 2 });
    ingestion = await bed.startInstance();
    await bed.seed({ workspaceId: WS, sourceId: 'web', writeKey: WRITE_KEY });
    await bed.seed({ workspaceId: OTHER_WS, sourceId: 'app', writeKey: OTHER_WRITE_KEY });
    await seedAdminKey(ingestion, OWNER, 'owner', null);
    await seedAdminKey(ingestion, ADMIN, 'admin', WS);
    await seedAdminKey(ingestion, READER, 'read-only', WS);
    await putPlan({});
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('lists a call the tracking plan blocked, as sent, with its violations, and shows it by id', async () => {
    const entry = await blocked('qa-listed', { total: 'ten' });

    expect(entry).toMatchObject({
      sourceId: 'web',
      kind: 'blocked',
      code: 'TRACKING_PLAN_BLOCKED',
      violations: [{ rule: 'schema', path: ['properties', 'total'] }],
      call: { userId: 'u1', event: 'Order Completed', properties: { total: 'ten' } },
      callType: 'track',
      event: 'Order Completed',
      status: 'open',
      resolution: null,
    });
    const shown = await call('GET', `${base}/${entry.entryId}`, READER);
    expect(shown).toEqual({ status: 200, body: entry });
  });

  it('replays the fixed call into INGEST exactly once and answers a second replay with 409', async () => {
    const entry = await blocked('qa-fixed', {}, 'u-fixed');
    const fixed = { userId: 'u-fixed', event: 'Order Completed', properties: { total: 10 } };

    const replayed = await call('POST', `${base}/${entry.entryId}/replay`, ADMIN, { call: fixed });
    const again = await call('POST', `${base}/${entry.entryId}/replay`, ADMIN, { call: fixed });

    expect(replayed).toMatchObject({
      status: 200,
      body: {
        status: 'replayed',
        resolution: {
          status: 'replayed',
          messageId: 'qa-fixed',
          fixed: true,
          actor: { role: 'admin' },
        },
      },
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    const stored = await ingestedFor('u-fixed');
    expect(stored.map(({ event }) => event.payload)).toEqual([
      expect.objectContaining({
        sourceId: 'web',
        call: expect.objectContaining({
          messageId: 'qa-fixed',
          properties: { total: 10 },
          receivedAt: entry.receivedAt,
        }),
      }),
    ]);
    expect((await list('?status=replayed')).entries.map(({ entryId }) => entryId)).toContain(
      entry.entryId,
    );
    expect((await list('?status=open')).entries.map(({ entryId }) => entryId)).not.toContain(
      entry.entryId,
    );
  });

  it('publishes nothing twice when a replay is retried after the call was already published', async () => {
    const entry = await blocked('qa-crash', {}, 'u-crash');
    const fixed = { userId: 'u-crash', event: 'Order Completed', properties: { total: 1 } };
    // A replay that crashed after publishing and before recording: same call, same messageId.
    await ingestion.app
      .get(IngestService)
      .ingestForOwner(
        { workspaceId: WS, sourceId: 'web' },
        'track',
        { ...fixed, messageId: 'qa-crash' },
        new Date(entry.receivedAt),
      );

    const retried = await call('POST', `${base}/${entry.entryId}/replay`, ADMIN, { call: fixed });

    expect(retried).toMatchObject({ status: 200, body: { status: 'replayed' } });
    expect(await ingestedFor('u-crash')).toHaveLength(1);
  });

  it('answers 422 with the new violations for a replay still invalid, keeps the entry open and quarantines nothing', async () => {
    const entry = await blocked('qa-still-bad');
    const before = await quarantineSize();

    const answer = await call('POST', `${base}/${entry.entryId}/replay`, ADMIN, {
      call: { userId: 'u1', event: 'Order Completed', properties: { total: 'still text' } },
    });

    expect(answer).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'replay_refused',
          issues: [expect.objectContaining({ code: 'schema', path: ['properties', 'total'] })],
        },
      },
    });
    expect(await call('GET', `${base}/${entry.entryId}`, READER)).toMatchObject({
      body: { status: 'open' },
    });
    expect(await quarantineSize()).toBe(before);
    expect(await bed.storedWithMessageId('qa-still-bad')).toEqual([]);
  });

  it('replays the call as sent once the tracking plan allows it', async () => {
    const body = { userId: 'u2', event: 'Wishlist Added', messageId: 'qa-plan-changed' };
    expect((await track(WRITE_KEY, body)).status).toBe(200);
    const entry = await entryOf('qa-plan-changed');
    expect(entry.violations).toEqual([expect.objectContaining({ rule: 'unplanned_event' })]);

    const refused = await call('POST', `${base}/${entry.entryId}/replay`, ADMIN);
    expect(refused.status).toBe(422);
    await putPlan({ 'Wishlist Added': {} });
    // Settings are cached up to a second per instance; a refused replay changes nothing.
    const accepted = await waitFor(
      async (): Promise<AdminAnswer | null> => {
        const answer = await call('POST', `${base}/${entry.entryId}/replay`, ADMIN);
        return answer.status === 200 ? answer : null;
      },
      { description: 'the replay to be accepted under the new plan' },
    );

    expect(accepted.body).toMatchObject({ status: 'replayed', resolution: { fixed: false } });
    expect(await bed.storedWithMessageId('qa-plan-changed')).toHaveLength(1);
  });

  it("replays a refused single call, whose body has no type, with the route's type", async () => {
    expect((await track(WRITE_KEY, { userId: 'u3', messageId: 'qa-no-event' })).status).toBe(400);
    const entry = await entryOf('qa-no-event');
    expect(entry).toMatchObject({ kind: 'invalid', code: 'MISSING_EVENT', callType: 'track' });

    const answer = await call('POST', `${base}/${entry.entryId}/replay`, ADMIN, {
      call: { userId: 'u3', event: 'Order Completed', properties: { total: 3 } },
    });

    expect(answer.status).toBe(200);
    expect(await bed.storedWithMessageId('qa-no-event')).toHaveLength(1);
  });

  it("never shows, replays or discards another workspace's entries", async () => {
    expect((await track(OTHER_WRITE_KEY, { userId: 'u9', messageId: 'qa-other' })).status).toBe(
      400,
    );
    const others = await call('GET', `/admin/v1/workspaces/${OTHER_WS}/quarantine`, OWNER);
    const other = QuarantinePage.parse(others.body).entries.find(
      (entry) => entry.call['messageId'] === 'qa-other',
    );
    if (other === undefined) throw new Error('the other workspace has no entry');

    expect(await call('GET', `${base}/${other.entryId}`, OWNER)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
    const replay = await call('POST', `${base}/${other.entryId}/replay`, OWNER);
    const discard = await call('POST', `${base}/${other.entryId}/discard`, OWNER, { reason: 'x' });
    expect([replay.status, discard.status]).toEqual([404, 404]);
    const ours = (await list('?limit=100', OWNER)).entries;
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.some((entry) => entry.eventId === other.eventId)).toBe(false);
    const outside = await call('GET', `/admin/v1/workspaces/${OTHER_WS}/quarantine`, READER);
    expect(outside.status).toBe(403);
  });

  it('discards an entry with its reason, once, and only for admins', async () => {
    const entry = await blocked('qa-discard');
    const path = `${base}/${entry.entryId}/discard`;

    expect((await call('POST', path, READER, { reason: 'test data' })).status).toBe(403);
    expect(await call('POST', path, ADMIN, {})).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request' } },
    });
    const discarded = await call('POST', path, ADMIN, { reason: 'test data' });
    expect(discarded).toMatchObject({
      status: 200,
      body: { status: 'discarded', resolution: { status: 'discarded', reason: 'test data' } },
    });
    expect((await call('POST', path, ADMIN, { reason: 'again' })).status).toBe(409);
    expect((await call('POST', `${base}/${entry.entryId}/replay`, ADMIN)).status).toBe(409);
    expect(await bed.storedWithMessageId('qa-discard')).toEqual([]);
  });

  it('pages newest first by cursor and filters by event, code and status', async () => {
    const page1 = await list('?limit=2');
    const page2 = await list(`?limit=2&cursor=${page1.nextCursor ?? ''}`);
    const all = (await list('?limit=100')).entries.map(({ entryId }) => entryId);

    expect([...page1.entries, ...page2.entries].map(({ entryId }) => entryId)).toEqual(
      all.slice(0, 4),
    );
    expect(all.map(Number)).toEqual([...all.map(Number)].sort((a, b) => b - a));
    const byEvent = await list('?event=Wishlist%20Added');
    expect(byEvent.entries.map(({ call: sent }) => sent['messageId'])).toEqual(['qa-plan-changed']);
    const byCode = await list('?code=MISSING_EVENT&status=replayed');
    expect(byCode.entries.map(({ call: sent }) => sent['messageId'])).toEqual(['qa-no-event']);
    expect((await call('GET', `${base}?colour=red`, READER)).status).toBe(400);
  });

  it('records every replay and discard in the audit log', async () => {
    const { entries } = await ingestion.app.get(AuditLog).list(WS, { limit: 100 });

    const actions = entries.map(({ action, target }) => `${action} ${target.type}`);
    expect(
      actions.filter((action) => action === 'quarantine.replay quarantine-entry'),
    ).toHaveLength(4);
    expect(actions).toContain('quarantine.discard quarantine-entry');
    expect(entries.find(({ action }) => action === 'quarantine.discard')).toMatchObject({
      actor: { role: 'admin' },
      details: expect.objectContaining({ reason: 'test data' }),
    });
  });
});

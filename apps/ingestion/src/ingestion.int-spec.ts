import { gzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { CallAcceptedV1, Namespace, partitionKeyOf, partitionOf } from '@meridian/contracts';
import {
  connectJetStreamAdmin,
  deleteNamespace,
  provisionNamespace,
  type JetStreamAdmin,
} from '@meridian/messaging';
import { dropDatabase } from '@meridian/persistence';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { WriteKeyService } from '@meridian/workspaces';
import { loadIngestionConfig } from './config';
import { createIngestionApp } from './create-app';

const PARTITIONS = 4;
const WRITE_KEY = 'ingest-spec-key';
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

interface StoredCall {
  readonly subject: string;
  readonly event: CallAcceptedV1;
}

describe('ingestion in-process on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('ingest');
  const unprovisioned = uniqueNamespace('nostream');
  let admin: JetStreamAdmin;
  const apps: INestApplication[] = [];

  async function startIngestion(meridianNamespace: string): Promise<string> {
    const config = loadIngestionConfig({
      NATS_URL: infra.natsUrl,
      MONGO_URL: infra.mongoUrl,
      MONGO_DB: namespace,
      MERIDIAN_NAMESPACE: meridianNamespace,
      MERIDIAN_PARTITIONS: String(PARTITIONS),
      LOG_LEVEL: 'silent',
    });
    const app = await createIngestionApp(config);
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    return app.getUrl();
  }

  /** Every call stored in the namespace's INGEST stream, with the subject it was published on. */
  async function storedCalls(): Promise<StoredCall[]> {
    const stream = new Namespace(namespace).stream('INGEST');
    const { state } = await admin.jsm.streams.info(stream);
    const calls: StoredCall[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) {
      const message = await admin.jsm.streams.getMessage(stream, { seq });
      if (message)
        calls.push({ subject: message.subject, event: CallAcceptedV1.parse(message.json()) });
    }
    return calls;
  }

  async function storedWithMessageId(messageId: string): Promise<StoredCall[]> {
    return (await storedCalls()).filter(
      (stored) => stored.event.payload.call.messageId === messageId,
    );
  }

  let baseUrl: string;

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(infra.natsUrl, 'ingestion-int-spec');
    await provisionNamespace({ jsm: admin.jsm, namespace, partitions: PARTITIONS });
    baseUrl = await startIngestion(namespace);
    await apps[0]
      ?.get(WriteKeyService)
      .seedWorkspace({ workspaceId: 'ws_spec', sourceId: 'src_spec', writeKey: WRITE_KEY });
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
    await dropDatabase(infra.mongoUrl, namespace);
  });

  const post = (
    path: string,
    body: unknown,
    headers: Record<string, string> = { authorization: basic(WRITE_KEY) },
  ) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });

  it('answers 200 only once the call is in the stream, on the subject of its partition', async () => {
    const response = await post('/v1/track', {
      messageId: 'spec-track-1',
      userId: 'user-7',
      event: 'Order Completed',
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true });
    const [stored, ...others] = await storedWithMessageId('spec-track-1');
    expect(others).toHaveLength(0);
    const partition = partitionOf(partitionKeyOf({ userId: 'user-7' }), PARTITIONS);
    expect(stored?.subject).toBe(`${namespace}.ingest.${partition}`);
    expect(stored?.event).toMatchObject({
      workspaceId: 'ws_spec',
      payload: {
        partition,
        sourceId: 'src_spec',
        call: { type: 'track', event: 'Order Completed' },
      },
    });
  });

  it('accepts a gzip body with the write key in the body', async () => {
    const body = gzipSync(
      JSON.stringify({
        writeKey: WRITE_KEY,
        messageId: 'spec-identify-1',
        anonymousId: 'anon-3',
        traits: { plan: 'pro' },
      }),
    );
    const response = await post('/v1/identify', body, { 'content-encoding': 'gzip' });

    expect(response.status).toBe(200);
    const [stored] = await storedWithMessageId('spec-identify-1');
    expect(stored?.event.payload.call).toMatchObject({
      type: 'identify',
      anonymousId: 'anon-3',
      traits: { plan: 'pro' },
    });
  });

  it('stores a call sent twice with the same messageId once', async () => {
    const call = { messageId: 'spec-retry-1', userId: 'user-8', event: 'Clicked' };
    expect((await post('/v1/track', call)).status).toBe(200);
    expect((await post('/v1/track', call)).status).toBe(200);

    expect(await storedWithMessageId('spec-retry-1')).toHaveLength(1);
  });

  it('refuses an unknown write key with 401 INVALID_WRITE_KEY', async () => {
    const response = await post(
      '/v1/track',
      { messageId: 'spec-401', userId: 'u', event: 'E' },
      { authorization: basic('wrong') },
    );

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ success: false, code: 'INVALID_WRITE_KEY' });
    expect(await storedWithMessageId('spec-401')).toHaveLength(0);
  });

  it.each([
    ['INVALID_JSON', '{"userId":'],
    ['EVENT_TOO_LARGE', { userId: 'u', event: 'E', properties: { blob: 'x'.repeat(40_000) } }],
    ['MISSING_IDENTITY', { event: 'E' }],
    ['MISSING_EVENT', { userId: 'u' }],
    ['MESSAGE_ID_TOO_LONG', { userId: 'u', event: 'E', messageId: 'm'.repeat(101) }],
    ['INVALID_FIELD', { userId: 'u', event: 'E', timestamp: 'not a time' }],
  ])('refuses with 400 %s', async (code, body) => {
    const response = await post('/v1/track', body);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ success: false, code });
  });

  it('exposes the response time of ingest calls by call type and outcome on /metrics', async () => {
    await post('/v1/track', { messageId: 'spec-metrics-1', userId: 'u', event: 'E' });
    await post(
      '/v1/track',
      { messageId: 'spec-metrics-2', userId: 'u', event: 'E' },
      { authorization: basic('bad') },
    );

    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /meridian_ingest_request_duration_seconds_count\{[^}]*call_type="track"[^}]*outcome="accepted"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /meridian_ingest_request_duration_seconds_count\{[^}]*outcome="INVALID_WRITE_KEY"/,
    );
  });

  it('answers 503 STREAM_UNAVAILABLE with Retry-After when no stream takes the call', async () => {
    const withoutStreams = await startIngestion(unprovisioned);

    const response = await fetch(`${withoutStreams}/v1/track`, {
      method: 'POST',
      headers: { authorization: basic(WRITE_KEY), 'content-type': 'application/json' },
      body: JSON.stringify({ messageId: 'spec-503', userId: 'u', event: 'E' }),
    });

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ success: false, code: 'STREAM_UNAVAILABLE' });
  });
});

import { gzipSync } from 'node:zlib';
import { partitionKeyOf, partitionOf } from '@meridian/contracts';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';

const PARTITIONS = 4;
const WRITE_KEY = 'calls-spec-key';
const auth = { authorization: basicAuthHeader(WRITE_KEY) };

describe('the one-call endpoints on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('calls');
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: PARTITIONS });
    ingestion = await bed.startInstance();
    await bed.seed({ workspaceId: 'ws_spec', sourceId: 'src_spec', writeKey: WRITE_KEY });
  });

  afterAll(async () => {
    await bed?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
    postJson(`${ingestion.url}${path}`, body, headers);

  it.each([
    ['track', { userId: 'user-t', event: 'Order Completed', properties: { total: 3 } }],
    ['identify', { userId: 'user-i', traits: { plan: 'pro' } }],
    ['page', { anonymousId: 'anon-p', name: 'Pricing', properties: { path: '/pricing' } }],
    ['screen', { userId: 'user-s', name: 'Settings' }],
    ['group', { userId: 'user-g', groupId: 'acme', traits: { employees: 12 } }],
    ['alias', { userId: 'user-a', previousId: 'anon-a' }],
  ])(
    'answers 200 to /v1/%s only once the call is on the subject of its partition',
    async (type, body) => {
      const messageId = `spec-${type}-1`;
      const response = await post(`/v1/${type}`, { ...body, messageId });

      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 200,
        body: { success: true },
      });
      const [stored, ...others] = await bed.storedWithMessageId(messageId);
      expect(others).toHaveLength(0);
      const partition = partitionOf(partitionKeyOf(body), PARTITIONS);
      expect(stored?.subject).toBe(`${namespace}.ingest.${partition}`);
      expect(stored?.event).toMatchObject({
        workspaceId: 'ws_spec',
        payload: { partition, sourceId: 'src_spec', call: { type, ...body } },
      });
      expect(stored?.event.payload.call.context['ip']).toBe('127.0.0.1');
    },
  );

  it('accepts a gzip body with the write key in the body', async () => {
    const body = gzipSync(
      JSON.stringify({
        writeKey: WRITE_KEY,
        messageId: 'spec-identify-gzip',
        anonymousId: 'anon-3',
        traits: { plan: 'pro' },
      }),
    );
    const response = await post('/v1/identify', body, { 'content-encoding': 'gzip' });

    expect(response.status).toBe(200);
    const [stored] = await bed.storedWithMessageId('spec-identify-gzip');
    expect(stored?.event.payload.call).toMatchObject({ type: 'identify', anonymousId: 'anon-3' });
  });

  it('accepts the write key as a Bearer token', async () => {
    const response = await post(
      '/v1/track',
      { messageId: 'spec-bearer', userId: 'u', event: 'E' },
      { authorization: `Bearer ${WRITE_KEY}` },
    );

    expect(response.status).toBe(200);
    expect(await bed.storedWithMessageId('spec-bearer')).toHaveLength(1);
  });

  it.each([
    ['an unknown key', { authorization: basicAuthHeader('wrong') }, {}],
    [
      'a Bearer token and a body naming different keys',
      { authorization: `Bearer ${WRITE_KEY}` },
      { writeKey: 'other' },
    ],
  ])('refuses %s with 401 INVALID_WRITE_KEY', async (_, headers, extra) => {
    const response = await post(
      '/v1/track',
      { messageId: 'spec-401', userId: 'u', event: 'E', ...extra },
      headers,
    );

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ success: false, code: 'INVALID_WRITE_KEY' });
    expect(await bed.storedWithMessageId('spec-401')).toHaveLength(0);
  });

  it.each([
    ['/v1/track', 'INVALID_JSON', '{"userId":'],
    [
      '/v1/track',
      'EVENT_TOO_LARGE',
      { userId: 'u', event: 'E', properties: { blob: 'x'.repeat(40_000) } },
    ],
    ['/v1/track', 'MISSING_IDENTITY', { event: 'E' }],
    ['/v1/track', 'MISSING_EVENT', { userId: 'u' }],
    ['/v1/alias', 'MISSING_PREVIOUS_ID', { userId: 'u' }],
    ['/v1/group', 'MISSING_GROUP_ID', { userId: 'u' }],
    ['/v1/track', 'MESSAGE_ID_TOO_LONG', { userId: 'u', event: 'E', messageId: 'm'.repeat(101) }],
    ['/v1/track', 'INVALID_TIMESTAMP', { userId: 'u', event: 'E', timestamp: 'not a time' }],
    ['/v1/page', 'INVALID_FIELD', { userId: 'u', properties: 'not an object' }],
    ['/v1/identify', 'INVALID_PHONE', { userId: 'u', traits: { phone: '12' } }],
  ])('%s refuses with 400 %s', async (path, code, body) => {
    const response = await post(path, body);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ success: false, code });
  });

  it('exposes the response time of ingest calls by call type and outcome on /metrics', async () => {
    await post('/v1/page', { messageId: 'spec-metrics-1', userId: 'u' });
    await post(
      '/v1/page',
      { messageId: 'spec-metrics-2', userId: 'u' },
      { authorization: basicAuthHeader('bad') },
    );

    const metrics = await (await fetch(`${ingestion.url}/metrics`)).text();
    expect(metrics).toMatch(
      /meridian_ingest_request_duration_seconds_count\{[^}]*call_type="page"[^}]*outcome="accepted"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /meridian_ingest_request_duration_seconds_count\{[^}]*call_type="page"[^}]*outcome="INVALID_WRITE_KEY"/,
    );
  });
});

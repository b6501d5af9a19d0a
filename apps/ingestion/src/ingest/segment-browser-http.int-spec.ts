import { testInfra, uniqueNamespace } from '@meridian/testing';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';

const WRITE_KEY = 'browser-http-spec-key';
const ORIGIN = 'https://shop.example.com';

/** What analytics.js sends besides the body: text/plain (no JSON preflight trigger) and Basic auth. */
const browserHeaders = {
  'content-type': 'text/plain',
  authorization: basicAuthHeader(WRITE_KEY),
  origin: ORIGIN,
};

/** The HTTP surface Segment's browser SDK needs, request by request: CORS and short paths. */
describe('the Segment API as browsers call it, on real NATS and FerretDB', () => {
  const infra = testInfra();
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({
      ...infra,
      namespace: uniqueNamespace('browserhttp'),
      partitions: 2,
    });
    ingestion = await bed.startInstance();
    await bed.seed({ workspaceId: 'ws_bh', sourceId: 'src_bh', writeKey: WRITE_KEY });
  });

  afterAll(async () => {
    await bed?.close();
  });

  const preflight = (path: string, requestHeaders: string) =>
    fetch(`${ingestion.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': requestHeaders,
      },
    });

  it('answers a CORS preflight for the Segment API from any origin with the headers it asks for', async () => {
    const response = await preflight('/v1/t', 'authorization,content-type,x-retry-count');

    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'authorization,content-type,x-retry-count',
      'access-control-max-age': '7200',
    });
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets the page read the answer to a call, and Retry-After on it', async () => {
    const response = await postJson(
      `${ingestion.url}/v1/track`,
      { messageId: 'bh-cors-track', anonymousId: 'anon-bh', event: 'Viewed' },
      browserHeaders,
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });

  it('lets the page read a refusal too, so the SDK drops the call instead of retrying it', async () => {
    const response = await postJson(
      `${ingestion.url}/v1/track`,
      { messageId: 'bh-cors-refused', anonymousId: 'anon-bh', event: 'Viewed' },
      { ...browserHeaders, authorization: basicAuthHeader('not-a-key') },
    );

    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await bed.storedWithMessageId('bh-cors-refused')).toHaveLength(0);
  });

  it.each(['/metrics', '/health/live'])(
    'gives %s no CORS headers, so browsers keep refusing cross-origin reads of it',
    async (path) => {
      const asked = await preflight(path, 'authorization');
      const read = await fetch(`${ingestion.url}${path}`, { headers: { origin: ORIGIN } });

      expect(asked.status).toBe(404);
      expect(asked.headers.get('access-control-allow-origin')).toBeNull();
      expect(read.status).toBe(200);
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it.each([
    ['t', 'track', { event: 'Order Completed', properties: { revenue: 42 } }],
    ['i', 'identify', { traits: { plan: 'pro' } }],
    ['p', 'page', { name: 'Pricing', properties: { path: '/pricing' } }],
    ['s', 'screen', { name: 'Settings' }],
    ['g', 'group', { groupId: 'acme' }],
    ['a', 'alias', { previousId: 'anon-old' }],
  ])('takes /v1/%s, analytics.js short path, as a %s call', async (path, type, fields) => {
    const messageId = `bh-short-${path}`;
    const response = await postJson(
      `${ingestion.url}/v1/${path}`,
      { ...fields, messageId, userId: 'user-bh', writeKey: WRITE_KEY },
      browserHeaders,
    );

    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { success: true },
    });
    const [stored] = await bed.storedWithMessageId(messageId);
    expect(stored?.event.payload.call).toMatchObject({ type, userId: 'user-bh', ...fields });
  });

  it('takes /v1/b, where analytics.js sends its batches, as a batch with the batch sentAt', async () => {
    const response = await postJson(
      `${ingestion.url}/v1/b`,
      {
        writeKey: WRITE_KEY,
        sentAt: '2026-03-01T10:00:05.000Z',
        batch: [
          { type: 'track', messageId: 'bh-b-1', anonymousId: 'anon-bh', event: 'One' },
          { type: 'page', messageId: 'bh-b-2', anonymousId: 'anon-bh', name: 'Two' },
        ],
      },
      browserHeaders,
    );

    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { success: true },
    });
    const [first] = await bed.storedWithMessageId('bh-b-1');
    const [second] = await bed.storedWithMessageId('bh-b-2');
    expect(first?.event.payload.call).toMatchObject({
      type: 'track',
      event: 'One',
      sentAt: '2026-03-01T10:00:05.000Z',
    });
    expect(second?.event.payload.call).toMatchObject({ type: 'page', name: 'Two' });
  });
});

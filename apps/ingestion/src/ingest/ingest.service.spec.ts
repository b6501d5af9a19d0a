import { Logger } from '@nestjs/common';
import { CallAcceptedV1, partitionKeyOf, partitionOf } from '@meridian/contracts';
import { basicAuth, ingestHarness, type IngestHarness } from '../testing/ingest-doubles';
import { IngestRejection } from './ingest-rejection';
import type { IngestRequest } from './ingest.service';

const trackBody = {
  messageId: 'm-1',
  userId: 'u-42',
  event: 'Order Completed',
  properties: { total: 9 },
};

const request = (
  body: Record<string, unknown>,
  authorization: string | null = basicAuth('key-a'),
): IngestRequest => ({ body, authorization: authorization ?? undefined, clientIp: '203.0.113.9' });

async function rejectionOf(attempt: Promise<unknown>): Promise<IngestRejection> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof IngestRejection) return error;
    throw error;
  }
  throw new Error('expected an IngestRejection');
}

describe('IngestService, one call', () => {
  let harness: IngestHarness;

  beforeEach(() => {
    harness = ingestHarness();
  });

  it('publishes a valid CallAcceptedV1 on the partition of the call identity', async () => {
    await harness.service.ingestCall('track', request(trackBody));

    expect(harness.publisher.published).toHaveLength(1);
    const event = CallAcceptedV1.parse(harness.publisher.published[0]);
    expect(event.workspaceId).toBe('ws_a');
    expect(event.payload.sourceId).toBe('src_a');
    expect(event.payload.partition).toBe(partitionOf(partitionKeyOf({ userId: 'u-42' }), 8));
    expect(event.correlationId).toBe(event.id);
    expect(event.causationId).toBeNull();
    expect(event.occurredAt).toBe(event.payload.call.timestamp);
    expect(event.receivedAt).toBe(event.payload.call.receivedAt);
    expect(event.payload.call.context).toEqual({ ip: '203.0.113.9' });
  });

  it.each([
    ['page', { anonymousId: 'a-1', name: 'Home', properties: { path: '/' } }],
    ['screen', { userId: 'u-1', name: 'Settings' }],
    ['group', { userId: 'u-1', groupId: 'acme', traits: { plan: 'pro' } }],
    ['alias', { userId: 'u-1', previousId: 'a-1' }],
    ['identify', { userId: 'u-1', traits: { email: 'a@b.c' } }],
  ] as const)('accepts a %s call', async (type, body) => {
    await harness.service.ingestCall(type, request(body));

    expect(harness.publisher.published[0]?.payload.call).toMatchObject({ type, ...body });
  });

  it('publishes a retried call once and counts the retry as a duplicate', async () => {
    await harness.service.ingestCall('track', request(trackBody));
    await harness.service.ingestCall('track', request(trackBody));

    expect(harness.publisher.published).toHaveLength(1);
    expect(await harness.metrics.expose()).toMatch(/meridian_ingest_duplicates_total\{[^}]*\} 1/);
  });

  it('derives different event ids for one messageId in two workspaces', async () => {
    await harness.service.ingestCall('track', request(trackBody, basicAuth('key-a')));
    await harness.service.ingestCall('track', request(trackBody, basicAuth('key-b')));

    const [first, second] = harness.publisher.published;
    expect(second?.id).not.toBe(first?.id);
  });

  it.each([
    ['MISSING_IDENTITY', 'track', { event: 'E' }],
    ['MISSING_EVENT', 'track', { userId: 'u' }],
    ['MISSING_PREVIOUS_ID', 'alias', { userId: 'u' }],
    ['MISSING_GROUP_ID', 'group', { userId: 'u' }],
    ['MESSAGE_ID_TOO_LONG', 'identify', { userId: 'u', messageId: 'm'.repeat(101) }],
    ['INVALID_FIELD', 'page', { userId: 'u', properties: 'not an object' }],
  ] as const)('refuses with 400 %s and publishes nothing', async (code, type, body) => {
    const rejection = await rejectionOf(harness.service.ingestCall(type, request(body)));

    expect({ status: rejection.status, code: rejection.code }).toEqual({ status: 400, code });
    expect(harness.publisher.published).toHaveLength(0);
  });

  it('answers 503 STREAM_UNAVAILABLE with Retry-After when the stream does not acknowledge, and logs why', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    harness.publisher.failWith = new Error('no responders');

    const rejection = await rejectionOf(harness.service.ingestCall('track', request(trackBody)));

    expect(rejection.code).toBe('STREAM_UNAVAILABLE');
    expect(rejection.status).toBe(503);
    expect(rejection.headers).toEqual({ 'Retry-After': '5' });
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining('failed'),
      expect.stringContaining('no responders'),
    );
    logged.mockRestore();
  });
});

describe('IngestService, authentication', () => {
  let harness: IngestHarness;

  beforeEach(() => {
    harness = ingestHarness();
  });

  it.each([
    ['Basic auth with the key as user name', {}, basicAuth('key-b')],
    ['a Bearer token', {}, 'Bearer key-b'],
    ['writeKey in the body', { writeKey: 'key-b' }, null],
    ['the same key in the header and the body', { writeKey: 'key-b' }, 'Bearer key-b'],
  ])('authenticates %s', async (_, extra, authorization) => {
    await harness.service.ingestCall('identify', request({ userId: 'u', ...extra }, authorization));

    expect(harness.publisher.published[0]?.workspaceId).toBe('ws_b');
  });

  it.each([
    ['an unknown key', {}, basicAuth('nope')],
    ['no key at all', {}, null],
    ['a header and a body naming different keys', { writeKey: 'key-a' }, 'Bearer key-b'],
  ])('refuses %s with 401 INVALID_WRITE_KEY', async (_, extra, authorization) => {
    const rejection = await rejectionOf(
      harness.service.ingestCall('identify', request({ userId: 'u', ...extra }, authorization)),
    );

    expect({ status: rejection.status, code: rejection.code }).toEqual({
      status: 401,
      code: 'INVALID_WRITE_KEY',
    });
    expect(rejection.body).toMatchObject({ success: false, code: 'INVALID_WRITE_KEY' });
    expect(harness.publisher.published).toHaveLength(0);
  });
});

describe('IngestService, rate limit', () => {
  it('refuses a request the bucket cannot cover with 429 RATE_LIMITED and Retry-After, publishing none of it', async () => {
    let now = 0;
    const harness = ingestHarness({ rateLimit: { ratePerSecond: 2, burst: 3 }, clock: () => now });
    const batch = (ids: string[]) =>
      request({
        batch: ids.map((messageId) => ({ type: 'track', userId: 'u', event: 'E', messageId })),
      });

    await harness.service.ingestBatch(batch(['1', '2']));
    const rejection = await rejectionOf(harness.service.ingestBatch(batch(['3', '4'])));

    expect({ status: rejection.status, code: rejection.code }).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
    });
    expect(rejection.headers).toEqual({ 'Retry-After': '1' });
    expect(harness.publisher.published).toHaveLength(2);
    now += 1_000;
    await harness.service.ingestBatch(batch(['3', '4']));
    expect(harness.publisher.published).toHaveLength(4);
  });

  it('keeps one bucket per source: one source at its limit does not slow another', async () => {
    const harness = ingestHarness({ rateLimit: { ratePerSecond: 1, burst: 1 }, clock: () => 0 });
    await harness.service.ingestCall('track', request(trackBody, basicAuth('key-a')));

    await harness.service.ingestCall('track', request(trackBody, basicAuth('key-b')));
    const limited = await rejectionOf(
      harness.service.ingestCall('track', request({ ...trackBody, messageId: 'm-2' })),
    );

    expect(limited.code).toBe('RATE_LIMITED');
    expect(harness.publisher.published.map((event) => event.workspaceId)).toEqual(['ws_a', 'ws_b']);
  });
});

describe('IngestService, batch', () => {
  let harness: IngestHarness;

  beforeEach(() => {
    harness = ingestHarness();
  });

  it('accepts the valid calls and lists the refused ones by index and code', async () => {
    const outcome = await harness.service.ingestBatch(
      request({
        batch: [
          { type: 'track', userId: 'u', event: 'Viewed', messageId: 'b-0' },
          { type: 'track', userId: 'u' },
          { type: 'nonsense', userId: 'u' },
          { type: 'alias', userId: 'u', previousId: 'a', messageId: 'b-3' },
          { type: 'group', anonymousId: 'a' },
          { type: 'identify' },
          'not a call',
        ],
      }),
    );

    expect(outcome.refused.map(({ index, code }) => ({ index, code }))).toEqual([
      { index: 1, code: 'MISSING_EVENT' },
      { index: 2, code: 'INVALID_CALL_TYPE' },
      { index: 4, code: 'MISSING_GROUP_ID' },
      { index: 5, code: 'MISSING_IDENTITY' },
      { index: 6, code: 'INVALID_CALL_TYPE' },
    ]);
    expect(harness.publisher.published.map((event) => event.payload.call.messageId)).toEqual([
      'b-0',
      'b-3',
    ]);
  });

  it('publishes a messageId repeated within one batch once', async () => {
    const call = { type: 'track', userId: 'u', event: 'E', messageId: 'twice' };
    const outcome = await harness.service.ingestBatch(request({ batch: [call, call] }));

    expect(outcome.refused).toEqual([]);
    expect(harness.publisher.published).toHaveLength(1);
  });

  it('publishes none of the batch and answers 503 when any acknowledgement fails', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    harness.publisher.failWith = new Error('1 of 2 publishes failed');

    const rejection = await rejectionOf(
      harness.service.ingestBatch(
        request({
          batch: [
            { type: 'identify', userId: 'u' },
            { type: 'identify', userId: 'v' },
          ],
        }),
      ),
    );

    expect(rejection.code).toBe('STREAM_UNAVAILABLE');
    expect(harness.dedupe.recorded.size).toBe(0);
    jest.restoreAllMocks();
  });

  it.each([
    ['INVALID_BATCH', { batch: 'no' }],
    ['INVALID_BATCH', { batch: [], context: 'no' }],
    ['TOO_MANY_EVENTS', { batch: Array.from({ length: 2_501 }, () => ({ type: 'identify' })) }],
  ])('refuses the whole request with 400 %s', async (code, body) => {
    const rejection = await rejectionOf(harness.service.ingestBatch(request(body)));

    expect({ status: rejection.status, code: rejection.code }).toEqual({ status: 400, code });
  });

  it('authenticates a batch by the writeKey of its body', async () => {
    await harness.service.ingestBatch(
      request({ writeKey: 'key-b', batch: [{ type: 'identify', userId: 'u' }] }, null),
    );
    expect(harness.publisher.published[0]?.workspaceId).toBe('ws_b');
  });
});

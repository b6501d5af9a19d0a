import { gzipSync } from 'node:zlib';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';

const WRITE_KEY = 'batch-spec-key';
const auth = { authorization: basicAuthHeader(WRITE_KEY) };

describe('/v1/batch and /v1/import on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('batch');
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 4 });
    ingestion = await bed.startInstance();
    await bed.seed({ workspaceId: 'ws_batch', sourceId: 'src_batch', writeKey: WRITE_KEY });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('accepts the valid calls, answers 200 listing the refused ones, and stores only the valid ones', async () => {
    const response = await postJson(
      `${ingestion.url}/v1/batch`,
      {
        batch: [
          { type: 'track', userId: 'u1', event: 'Viewed', messageId: 'mixed-0' },
          { type: 'track', userId: 'u1', messageId: 'mixed-1' },
          { type: 'identify', messageId: 'mixed-2' },
          { type: 'page', anonymousId: 'a1', name: 'Home', messageId: 'mixed-3' },
          { type: 'group', userId: 'u1', messageId: 'mixed-4' },
        ],
      },
      auth,
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      success: true,
      refused: [
        { index: 1, code: 'MISSING_EVENT', message: expect.any(String) },
        { index: 2, code: 'MISSING_IDENTITY', message: expect.any(String) },
        { index: 4, code: 'MISSING_GROUP_ID', message: expect.any(String) },
      ],
    });
    const stored = (await bed.storedCalls())
      .map(({ event }) => event.payload.call.messageId)
      .filter((id) => id.startsWith('mixed-'))
      .sort();
    expect(stored).toEqual(['mixed-0', 'mixed-3']);
  });

  it('merges the batch context, integrations and sentAt into each call, the call winning', async () => {
    const response = await postJson(
      `${ingestion.url}/v1/import`,
      gzipSync(
        JSON.stringify({
          writeKey: WRITE_KEY,
          sentAt: '2026-03-01T10:00:10.000Z',
          context: { library: { name: 'importer', version: '1' }, locale: 'en-GB' },
          integrations: { All: true },
          batch: [
            {
              type: 'track',
              userId: 'u2',
              event: 'Imported',
              messageId: 'merged-0',
              timestamp: '2026-03-01T10:00:00.000Z',
              context: { library: { version: '2' }, ip: '198.51.100.7' },
              integrations: { Mailchimp: false },
            },
          ],
        }),
      ),
      { 'content-encoding': 'gzip' },
    );

    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { success: true },
    });
    const [stored] = await bed.storedWithMessageId('merged-0');
    const call = stored?.event.payload.call;
    expect(call?.context).toEqual({
      library: { name: 'importer', version: '2' },
      locale: 'en-GB',
      ip: '198.51.100.7',
    });
    expect(call?.integrations).toEqual({ All: true, Mailchimp: false });
    expect(call?.sentAt).toBe('2026-03-01T10:00:10.000Z');
    expect(call?.originalTimestamp).toBe('2026-03-01T10:00:00.000Z');
    const receivedAt = Date.parse(call?.receivedAt ?? '');
    expect(Date.parse(call?.timestamp ?? '')).toBe(receivedAt - 10_000);
  });

  it.each([
    [
      'BATCH_TOO_LARGE',
      { batch: [{ type: 'identify', userId: 'u', traits: { blob: 'x'.repeat(520_000) } }] },
    ],
    [
      'TOO_MANY_EVENTS',
      { batch: Array.from({ length: 2_501 }, () => ({ type: 'identify', userId: 'u' })) },
    ],
    ['INVALID_BATCH', { batch: { type: 'identify', userId: 'u' } }],
  ])('refuses the whole request with 400 %s', async (code, body) => {
    const response = await postJson(`${ingestion.url}/v1/batch`, body, auth);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ success: false, code });
  });

  it('lists a call over 32 KB as EVENT_TOO_LARGE and keeps its neighbours', async () => {
    const response = await postJson(
      `${ingestion.url}/v1/batch`,
      {
        batch: [
          {
            type: 'identify',
            userId: 'u',
            traits: { blob: 'x'.repeat(33_000) },
            messageId: 'big-0',
          },
          { type: 'identify', userId: 'u', messageId: 'big-1' },
        ],
      },
      auth,
    );

    expect(await response.json()).toEqual({
      success: true,
      refused: [{ index: 0, code: 'EVENT_TOO_LARGE', message: expect.any(String) }],
    });
    expect(await bed.storedWithMessageId('big-1')).toHaveLength(1);
  });
});

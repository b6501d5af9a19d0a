import { testInfra, uniqueNamespace } from '@meridian/testing';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';

const WRITE_KEY = 'limit-spec-key';
const auth = { authorization: basicAuthHeader(WRITE_KEY) };

describe('the per write key rate limit on real NATS and FerretDB', () => {
  const infra = testInfra();
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({
      ...infra,
      namespace: uniqueNamespace('limit'),
      partitions: 2,
    });
    ingestion = await bed.startInstance({
      INGEST_RATE_LIMIT_PER_SECOND: '1',
      INGEST_RATE_LIMIT_BURST: '3',
    });
    await bed.seed({ workspaceId: 'ws_limit', sourceId: 'src_limit', writeKey: WRITE_KEY });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('answers 429 RATE_LIMITED with Retry-After once the burst is spent, storing nothing of the refused request', async () => {
    const batch = (ids: string[]) => ({
      batch: ids.map((messageId) => ({ type: 'track', userId: 'u', event: 'E', messageId })),
    });
    const spent = await postJson(`${ingestion.url}/v1/batch`, batch(['l-0', 'l-1', 'l-2']), auth);

    const limited = await postJson(`${ingestion.url}/v1/batch`, batch(['l-3', 'l-4']), auth);

    expect(spent.status).toBe(200);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ success: false, code: 'RATE_LIMITED' });
    expect(await bed.storedWithMessageId('l-3')).toHaveLength(0);
  });
});
